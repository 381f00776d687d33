// Text that comes from data or from servers (a server's status text, a member name inside an archive, an
// address given by a catalogue), made safe to print on a terminal. Control characters could move the cursor,
// clear the screen, retitle the window or forge lines ("Toutes les sources sont à jour"), and bidirectional
// overrides could show text in another order than it is: each is written as a visible escape instead
// (ESC becomes `\x1b`), so that nothing is hidden and the text stays recognisable.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
