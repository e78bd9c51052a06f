import { describe, expect, it } from "vitest";
import { MissingSecretsError } from "../../packages/config/errors.js";
import { secretReferences } from "../../packages/config/secrets.js";
import { stableJson } from "../../packages/config/stable-json.js";
import { fixtureFiles, parsed } from "./helpers.js";

/** A Data API config file with this validation method and secret name. */
function dataApi(validation_method: string, secret_name: string): string {
  const config = { disabled: false, versions: ["v1"], return_type: "JSON" };
  return stableJson({ ...config, validation_method, secret_name });
}

describe("secretReferences: every secret a folder names, and where", () => {
  it("finds values read from secrets, secret_config fields and secret_name", () => {
    const files = fixtureFiles();
    const providers = JSON.parse(files.get("auth/providers.json")!);
    providers["oauth2-google"] = {
      name: "oauth2-google",
      type: "oauth2-google",
      config: { clientId: "id" },
      secret_config: { clientSecret: "google_secret" },
    };
    files.set("auth/providers.json", stableJson(providers));
    files.set("http_endpoints/data_api_config.json", dataApi("SECRET_AS_QUERY_PARAM", "data_api"));
    const found = secretReferences(parsed(files));
    expect(found.map((s) => s.name)).toEqual(["data_api", "google_secret", "stripe_secret"]);
    expect(found[1]!.references).toEqual([
      {
        file: "auth/providers.json",
        line: 18,
        column: 23,
        pointer: "/oauth2-google/secret_config/clientSecret",
        message: "secret_config.clientSecret",
      },
    ]);
    expect(found[2]!.references).toMatchObject([
      { file: "values/stripeKey.json", pointer: "/value", message: "a value read from a secret" },
    ]);
  });

  it("ignores plain values and empty secret names", () => {
    const files = fixtureFiles();
    files.delete("values/stripeKey.json");
    files.set("http_endpoints/data_api_config.json", dataApi("NO_VALIDATION", ""));
    expect(secretReferences(parsed(files))).toEqual([]);
  });

  it("MissingSecretsError names each missing secret with where it is used", () => {
    const error = new MissingSecretsError("633209ffd3bd3478005d1bac", [
      {
        name: "stripe_secret",
        references: [
          { file: "values/stripeKey.json", line: 5, column: 12, pointer: "/value", message: "" },
        ],
      },
    ]);
    expect(error.message).toBe(
      'app 633209ffd3bd3478005d1bac has no secret named "stripe_secret"; create it before pushing (nothing was changed):\n' +
        "  stripe_secret (values/stripeKey.json:5:12)",
    );
  });
});
