/** A problem with the imported file itself: its message, in French, names the line; nothing is written. */
export class ImportError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`Ligne ${line} : ${reason}`);
    this.name = 'ImportError';
  }
}
