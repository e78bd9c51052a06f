/**
 * npm run corpus:fetch
 * Makes the spec history (147 upstream versions, the corpus of `npm run test:corpus` and
 * `bench:drift`) available offline. With a shared folder (`$APPSERVICES_SHARED_DIR`, or `../shared`
 * beside the checkout) it only checks that folder's files against the committed manifest
 * (`spec/history-manifest.json`, sha256 per version) and never touches the network; otherwise it
 * downloads the versions `.cache/corpus/` lacks by repository, commit and path
 * (`$APPSERVICES_CORPUS_BASE_URL` overrides the host) and checks each sha256 before writing it.
 */
import { relative } from "node:path";
import { corpusDir, fetchCorpus, readManifest, unverified } from "../spec/corpus.js";
import { SpecError } from "../spec/errors.js";
import { runMain } from "../spec/run-main.js";

runMain(async () => {
  const { dir, shared } = corpusDir();
  const entries = readManifest();
  const where = relative(process.cwd(), dir) || ".";
  if (shared) {
    const bad = unverified(entries, dir);
    if (bad.length > 0) {
      const names = bad.map((e) => e.file);
      throw new SpecError(
        "hash-mismatch",
        `${bad.length} of ${entries.length} corpus versions are missing or differ from the ` +
          `manifest's sha256: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}`,
        { file: dir },
      );
    }
    console.log(`corpus: ${entries.length} versions verified in the shared folder ${where}`);
    return;
  }
  const { fetched, present } = await fetchCorpus({ dir });
  console.log(
    `corpus: ${present} versions already verified, ${fetched} fetched into ${where}, sha256 checked`,
  );
});
