import { addAbortSignal, type Readable } from "node:stream";

/**
 * Standard input, whole, as UTF-8 text (for `--private-key-stdin`, `--data -`). An interruption
 * destroys the stream: input that may never end (a terminal nobody types into) must not keep an
 * interrupted command waiting.
 */
export async function readStdin(stream: Readable, signal: AbortSignal): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of addAbortSignal(signal, stream)) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString("utf8");
}
