import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { escapeSegment, fromPointer } from "../../../spec/pointer.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/**
 * Validators for the schemas of one whole JSON document (an OpenAPI 3.1 spec, whose schemas are
 * JSON Schema 2020-12, or operation-schemas.json), registered with ajv under `id`: a schema is
 * compiled by `$ref` to its JSON pointer, so its own `#/components/...` references resolve in
 * that document as written, with nothing copied or rewritten.
 */
export class DocumentValidators {
  readonly #ajv: Ajv2020;
  readonly #cache = new Map<string, ValidateFunction>();
  readonly #byObject = new WeakMap<object, ValidateFunction>();

  constructor(
    readonly document: object,
    readonly id: string,
  ) {
    // Formats this API uses that ajv-formats does not define (ObjectID, net.IP, binary...) are
    // annotations in JSON Schema 2020-12; non-strict ajv ignores them, logger off so silently.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
    addFormats(this.#ajv);
    this.#ajv.addSchema(document as Record<string, unknown>, id);
  }

  /** The validator of the schema at `pointer` (`#/paths/~1a/get/...`) in the document. */
  at(pointer: string): ValidateFunction {
    let validate = this.#cache.get(pointer);
    if (!validate) {
      // A JSON pointer in a URI fragment: `~`-escaped segments, then percent-encoded ({, }, %).
      const fragment = fromPointer(pointer)
        .map((s) => "/" + encodeURIComponent(escapeSegment(s)))
        .join("");
      validate = this.#ajv.compile({ $ref: `${this.id}#${fragment}` });
      this.#cache.set(pointer, validate);
    }
    return validate;
  }

  /**
   * The validator of a schema object taken out of the document (a union inside a component, say),
   * its `#/...` references pointed back at the document.
   */
  of(schema: object): ValidateFunction {
    let validate = this.#byObject.get(schema);
    if (!validate) {
      const rebased = JSON.parse(
        JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${this.id}#/`),
      ) as object;
      validate = this.#ajv.compile(rebased);
      this.#byObject.set(schema, validate);
    }
    return validate;
  }
}
