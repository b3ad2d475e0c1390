// The stdio transport, strict about framing. vscode-jsonrpc's stream reader waits forever for a header
// that ends in CRLF CRLF and reports other framing errors through an event the server connection never
// listens to: a client that sends `Content-Length: abc`, no Content-Length or LF-only header lines got
// a server that was alive but silent. This reader reports every framing error (the server then exits
// non-zero, so the editor restarts it), keeps one buffer per message (a 20 MB didOpen is copied once)
// and skips a body that is not JSON (the framing is still in sync, so the next message is read).
import type { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { AbstractMessageReader, Disposable, type DataCallback, type Message, type MessageReader } from 'vscode-languageserver/node';

/** No header section is longer than this; more bytes without CRLF CRLF means the stream is not LSP. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Larger messages are refused (Node strings stop at ~512 MB; Upkeep analyses files up to 20 MB). */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const CRLFCRLF = Buffer.from('\r\n\r\n', 'latin1');
const LFLF = Buffer.from('\n\n', 'latin1');

export class FramingError extends Error {}

/** What a header section says, or a FramingError. Pure, for tests. */
export function parseHeaders(section: string): { contentLength: number } | FramingError {
  let contentLength: number | undefined;
  for (const line of section.split('\r\n')) {
    const m = /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!m) return new FramingError(`malformed LSP header line ${JSON.stringify(line.slice(0, 80))}`);
    const name = m[1].toLowerCase();
    if (name === 'content-length') {
      if (!/^\d{1,12}$/.test(m[2])) return new FramingError(`Content-Length is not a number: ${JSON.stringify(m[2].slice(0, 40))}`);
      contentLength = Number(m[2]);
    } else if (name === 'content-type') {
      const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(m[2])?.[1]?.toLowerCase();
      if (charset && charset !== 'utf-8' && charset !== 'utf8') return new FramingError(`unsupported charset ${charset}`);
    }
  }
  if (contentLength === undefined) return new FramingError('LSP header without Content-Length');
  if (contentLength > MAX_MESSAGE_BYTES) return new FramingError(`message of ${contentLength} bytes is over the ${MAX_MESSAGE_BYTES} byte limit`);
  return { contentLength };
}

export class StrictStreamMessageReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Body length being waited for; -1 while reading a header. */
  private bodyLength = -1;
  private failed = false;

  /** `onBadBody` hears about bodies that are not JSON-RPC messages (they are skipped). */
  constructor(
    private readonly readable: Readable,
    private readonly onBadBody: (reason: string) => void = () => undefined,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (data: Buffer) => this.onData(data, callback);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return Disposable.create(() => {
      this.readable.off('data', onData);
      this.readable.off('error', onError);
      this.readable.off('end', onClose);
      this.readable.off('close', onClose);
    });
  }

  private fail(e: FramingError): void {
    this.failed = true;
    this.chunks = [];
    this.buffered = 0;
    this.fireError(e);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return head;
  }

  private onData(data: Buffer, callback: DataCallback): void {
    if (this.failed) return;
    this.chunks.push(data);
    this.buffered += data.length;
    for (;;) {
      if (this.bodyLength < 0) {
        if (this.buffered === 0) return;
        // Headers are small: joining what is buffered costs little (the body is not buffered yet, or
        // is the tail of this chunk).
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
        this.chunks = [all];
        const scan = all.subarray(0, MAX_HEADER_BYTES + 4);
        const end = scan.indexOf(CRLFCRLF);
        if (end < 0) {
          if (scan.indexOf(LFLF) >= 0) return this.fail(new FramingError('LSP header lines end in LF only; the protocol needs CRLF'));
          if (scan.length > MAX_HEADER_BYTES) return this.fail(new FramingError(`no end of LSP header within ${MAX_HEADER_BYTES} bytes`));
          return;
        }
        const headers = parseHeaders(all.subarray(0, end).toString('latin1'));
        if (headers instanceof FramingError) return this.fail(headers);
        this.take(end + 4);
        this.bodyLength = headers.contentLength;
      }
      if (this.buffered < this.bodyLength) return;
      const body = this.take(this.bodyLength);
      this.bodyLength = -1;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch (e) {
        this.onBadBody(`a message body is not JSON (${(e as Error).message}); skipped`);
        continue;
      }
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        this.onBadBody('a message body is not a JSON-RPC object; skipped');
        continue;
      }
      try {
        callback(message as Message);
      } catch (e) {
        this.onBadBody(`handling a message failed: ${(e as Error)?.message ?? e}`);
      }
    }
  }
}

type Logger = { log(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void };

/**
 * Sends console output to the client's log: on stdio, a stray console.log would otherwise write into
 * the protocol stream. (vscode-languageserver does this itself only for the streams it creates.)
 */
export function routeConsoleTo(logger: Logger): void {
  const text = (args: unknown[]) => args.map(a => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = (...a: unknown[]) => logger.log(text(a));
  console.debug = (...a: unknown[]) => logger.log(text(a));
  console.info = (...a: unknown[]) => logger.info(text(a));
  console.warn = (...a: unknown[]) => logger.warn(text(a));
  console.error = (...a: unknown[]) => logger.error(text(a));
}
