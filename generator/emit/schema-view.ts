import { isObject, type JsonObject } from "../../spec/json.js";
import { escapeSegment } from "../../spec/pointer.js";
import { SUBSCHEMA_LISTS, SUBSCHEMA_MAPS, SUBSCHEMA_SINGLES } from "../../spec/schema-keywords.js";
import { componentOf, hiddenIn, type SchemaView } from "../model/read-write.js";

const MAPS = new Set(SUBSCHEMA_MAPS);
const LISTS = new Set(SUBSCHEMA_LISTS);
const SINGLES = new Set(SUBSCHEMA_SINGLES);

/** Where `operation-schemas.json` keeps a component's request or response view. */
export const VIEW_SECTION: Readonly<Record<SchemaView, string>> = {
  write: "writeSchemas",
  read: "readSchemas",
};

/**
 * A JSON Schema as seen from one side of the wire (OpenAPI 3: a `readOnly` property that is
 * `required` is required in responses only, a `writeOnly` one in requests only): such properties
 * leave `required`, and references to components whose view differs (`differs`) point at that
 * view, `#/components/writeSchemas/<Name>` or `#/components/readSchemas/<Name>`. The properties
 * themselves stay allowed. Returns a copy; the input is not changed.
 */
export function schemaInView(
  schema: unknown,
  view: SchemaView,
  differs: ReadonlySet<string>,
): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    const name = key === "$ref" ? componentOf(value) : undefined;
    if (name !== undefined && differs.has(name)) {
      out[key] = `#/components/${VIEW_SECTION[view]}/${escapeSegment(name)}`;
    } else if (MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, schemaInView(v, view, differs)]),
      );
    } else if ((LISTS.has(key) || SINGLES.has(key)) && Array.isArray(value)) {
      out[key] = value.map((v) => schemaInView(v, view, differs));
    } else if (SINGLES.has(key)) {
      out[key] = schemaInView(value, view, differs);
    } else {
      out[key] = value;
    }
  }
  if (Array.isArray(out.required) && isObject(out.properties)) {
    const properties = out.properties;
    out.required = out.required.filter(
      (n) => typeof n !== "string" || !hiddenIn(view, properties[n]),
    );
  }
  return out;
}
