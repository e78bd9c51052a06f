/**
 * This package's version. A literal, not an import of package.json: the built module lives at
 * another depth (dist/packages/client), and an import would copy package.json into dist/ and into
 * every user's bundle. test/client/admin-client.test.ts keeps it equal to package.json's version.
 */
export const SDK_VERSION = "0.1.0";

/** The User-Agent sent by default: `appservices-admin/<version>`. */
export const SDK_USER_AGENT = `appservices-admin/${SDK_VERSION}`;
