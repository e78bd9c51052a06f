/**
 * The files realm-cli's tests upload (`internal/cloud/realm/testdata/`). The hosting page and the
 * package.json files are reproduced as they are; the two node_modules archives are rebuilt with the
 * same top-level packages and versions (the originals are 0.2 and 2.3 MB of third-party code), which
 * is all the tests' expectations depend on.
 */
import { strToU8, zipSync } from "fflate";

/** `testdata/hosting/index.html`: 51 bytes, MD5 `9163ebc83aa75cae0a7e74b4e16af317`. */
export const indexHtml = strToU8("<html>\n  <body>\n    hello world!\n  </body>\n</html>\n");

/** `testdata/package.json`. */
export const packageJson = strToU8(
  '{\n  "dependencies": {\n    "debug": "4.3.1",\n    "underscore": "1.9.1"\n  }\n}\n',
);

/** `testdata/updated-package.json`. */
export const updatedPackageJson = strToU8(
  '{\n  "dependencies": {\n    "twilio": "3.35.1",\n    "underscore": "1.9.2"\n  }\n}\n',
);

const shared = { axios: "0.21.1", "follow-redirects": "1.13.2", "is-buffer": "2.0.5", ms: "2.1.2" };

function nodeModules(packages: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "node_modules/.yarn-integrity": strToU8("{}\n"),
  };
  for (const [name, version] of Object.entries(packages)) {
    const manifest = { name, version, main: "index.js" };
    files[`node_modules/${name}/package.json`] = strToU8(JSON.stringify(manifest, null, 2));
    files[`node_modules/${name}/index.js`] = strToU8(`module.exports = ${JSON.stringify(name)};\n`);
  }
  return zipSync(files);
}

/** `testdata/dependencies_upload.zip`: debug 4.3.1 and underscore 1.9.1 among others. */
export const dependenciesUploadZip = nodeModules({
  ...shared,
  debug: "4.3.1",
  underscore: "1.9.1",
});

/** `testdata/dependencies_diff.zip`: debug gone, twilio 3.35.1 added, underscore 1.9.2. */
export const dependenciesDiffZip = nodeModules({
  ...shared,
  twilio: "3.35.1",
  underscore: "1.9.2",
});

/** `getZipFileNames`: the names of a zip's files, directories left out. */
export function zipFileNames(files: Record<string, Uint8Array>): string[] {
  return Object.keys(files)
    .filter((name) => !name.endsWith("/"))
    .sort();
}
