// `python3 -V` ("Python 3.11.2").
import { fail, ok, type Parsed } from './result.js';

/** The version number python3 printed, e.g. "3.11.2". */
export function parsePython3(text: string): Parsed<string> {
  const m = /Python\s+(\d+\.\d+(?:\.\d+)?(?:[a-z]+\d*)?\+?)/.exec(text);
  return m ? ok(m[1]!) : fail('no "Python X.Y.Z" line');
}
