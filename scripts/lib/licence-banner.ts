import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../spec/source.js";

/**
 * A legal comment naming a library bundled into a published file, its version and its licence
 * (with the licence text), from the library's installed copy in the repository's node_modules.
 */
export function licenceBanner(name: string): string {
  const root = join(projectRoot, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
    license: string;
    author?: string | { name: string };
  };
  const author = typeof meta.author === "object" ? meta.author.name : meta.author;
  const licenceFile = readdirSync(root).find((entry) => /^licen[cs]e/i.test(entry));
  const text =
    licenceFile && existsSync(join(root, licenceFile))
      ? readFileSync(join(root, licenceFile), "utf8").trim()
      : `${meta.license} licence${author ? `, copyright ${author}` : ""}`;
  return `/*! Bundled: ${name}@${meta.version} (${meta.license})\n${text.replaceAll("*/", "* /")}\n*/`;
}
