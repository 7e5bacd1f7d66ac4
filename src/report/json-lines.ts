// `--json`: every engine event as one JSON object on its own line (stdout), nothing else.
import type { EngineEvent, EventSink } from '../types/events.js';
import { printableJson } from '../text/printable.js';

/** An EventSink writing one JSON object per line. */
export function jsonLinesReporter(out: { write(chunk: string): unknown }): EventSink {
  return (event: EngineEvent) => {
    out.write(printableJson(event) + '\n');
  };
}
