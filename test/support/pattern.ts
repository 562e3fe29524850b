/**
 * Regular expressions too long for one line, written as regex literals cut in pieces, so that no
 * piece is escaped twice as a string pattern would be.
 */

/**
 * The regular expression whose source is the pieces' sources in order, with the first piece's
 * flags (the others carry none). Cut only where each piece is a whole pattern: the joined source
 * is then exactly the source of the literal written in one piece.
 * @example
 * const waiting = pattern(/^still waiting for thing slow-1/, / to be ready after \d+ s$/);
 */
function pattern(first: RegExp, ...rest: readonly RegExp[]): RegExp {
  return new RegExp([first, ...rest].map((piece) => piece.source).join(''), first.flags);
}

export { pattern };
