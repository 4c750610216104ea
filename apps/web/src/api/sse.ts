/** One server-sent event: its name (default `message`) and its data (JSON when it parses). */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Incremental `text/event-stream` parser (the subset the API writes: `event:` and `data:` lines,
 * blocks ended by a blank line; comments and `id:`/`retry:` ignored). Chunks may split lines and
 * blocks anywhere, including between `\r` and `\n`.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    for (;;) {
      const m = /\r\n\r\n|\n\n|\r\r/.exec(this.buffer);
      // A trailing '\r' may be the first half of '\r\n': wait for more.
      if (!m || (m[0] === '\r\r' && m.index + 2 === this.buffer.length)) break;
      const block = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const e = parseBlock(block);
      if (e) out.push(e);
    }
    return out;
  }

  /** The last block when the stream ends without a blank line. */
  flush(): SseEvent[] {
    const rest = this.buffer;
    this.buffer = '';
    const e = rest.trim() ? parseBlock(rest) : undefined;
    return e ? [e] : [];
  }
}

function parseBlock(block: string): SseEvent | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r\n|\n|\r/)) {
    if (!line || line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    let value = i < 0 ? '' : line.slice(i + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0 && event === 'message') return undefined;
  const raw = data.join('\n');
  let parsed: unknown = raw;
  try {
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    parsed = raw;
  }
  return { event, data: parsed };
}
