/**
 * Finds an app's sensitive words in a text (openim_dirty_words, docs/rest-api.md §9.1):
 * Aho–Corasick over case-folded code points, so one pass over the text whatever the number of
 * words (up to 5000 per app). Time is linear in the text for `matches` and `mask` alike (a
 * word is at most 200 bytes, and the automaton never backs up in the text), so a long input
 * cannot make it slow. Built once per word list and shared by every check of the app: the
 * text of messages (hot path) and the text fields of groups, profiles and the relation chain.
 */
export class SensitiveWordsMatcher {
  /** Transitions of each state by folded code point; state 0 is the root. */
  private readonly next: Map<number, number>[] = [new Map<number, number>()];
  private readonly fail: number[] = [0];
  /** Length (in code points) of the longest word that ends in this state, 0 when none. */
  private readonly out: number[] = [0];
  /** The root's transitions on ASCII, as an array: most steps of most texts end there. */
  private readonly rootAscii = new Int32Array(0x80);
  readonly wordCount: number;

  constructor(words: readonly string[]) {
    let count = 0;
    for (const word of words) if (this.add(word)) count++;
    this.wordCount = count;
    this.link();
    for (const [cp, target] of this.next[0]) if (cp < 0x80) this.rootAscii[cp] = target;
  }

  get isEmpty(): boolean {
    return this.next.length === 1;
  }

  /** True when the text contains a word. */
  matches(text: string): boolean {
    if (this.isEmpty) return false;
    let state = 0;
    const length = text.length;
    for (let i = 0; i < length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      state = this.step(state, fold(cp));
      if (this.out[state] > 0) return true;
    }
    return false;
  }

  /** The first of the texts that contains a word (its index), or -1; absent texts are skipped. */
  firstMatch(texts: readonly (string | null | undefined)[]): number {
    if (this.isEmpty) return -1;
    return texts.findIndex((t) => typeof t === 'string' && t.length > 0 && this.matches(t));
  }

  /** The text with every character of every matched word replaced by `*`. */
  mask(text: string): string {
    if (this.isEmpty) return text;
    const chars = Array.from(text);
    // Each match adds +1 where it starts and -1 after it ends; a running sum > 0 is masked.
    const edges = new Int32Array(chars.length + 1);
    let state = 0;
    for (let i = 0; i < chars.length; i++) {
      state = this.step(state, fold(chars[i].codePointAt(0)!));
      const len = this.out[state];
      if (len === 0) continue;
      edges[i - len + 1]++;
      edges[i + 1]--;
    }
    let open = 0;
    return chars
      .map((c, i) => {
        open += edges[i];
        return open > 0 ? '*' : c;
      })
      .join('');
  }

  private add(word: string): boolean {
    let state = 0;
    let length = 0;
    for (const ch of word) {
      const cp = fold(ch.codePointAt(0)!);
      let target = this.next[state].get(cp);
      if (target === undefined) {
        target = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push(0);
        this.next[state].set(cp, target);
      }
      state = target;
      length++;
    }
    if (length === 0) return false;
    this.out[state] = Math.max(this.out[state], length);
    return true;
  }

  /** Breadth first: each state's fail link, and the longest word ending there through it. */
  private link(): void {
    const queue: number[] = [...this.next[0].values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [cp, child] of this.next[state]) {
        let f = this.fail[state];
        while (f !== 0 && !this.next[f].has(cp)) f = this.fail[f];
        const target = this.next[f].get(cp);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.out[child] = Math.max(this.out[child], this.out[this.fail[child]]);
        queue.push(child);
      }
    }
  }

  private step(state: number, cp: number): number {
    let s = state;
    while (s !== 0) {
      const target = this.next[s].get(cp);
      if (target !== undefined) return target;
      s = this.fail[s];
    }
    return cp < 0x80 ? this.rootAscii[cp] : (this.next[0].get(cp) ?? 0);
  }
}

/** Folded BMP code points, filled as they are met (0 = not yet known). */
const BMP_FOLDS = new Uint32Array(0x10000);

/**
 * Case folding of one code point: the first code point of its lower case (`İ` → `i`, `Σ` →
 * `σ`, `Ä` → `ä`), which is what the message filter has always matched by. ASCII is folded
 * inline; the rest once per code point (a string conversion each time would dominate).
 */
function fold(cp: number): number {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? cp + 0x20 : cp;
  if (cp < 0x10000) {
    const known = BMP_FOLDS[cp];
    if (known !== 0) return known;
    const folded = String.fromCharCode(cp).toLowerCase().codePointAt(0)!;
    BMP_FOLDS[cp] = folded;
    return folded;
  }
  return String.fromCodePoint(cp).toLowerCase().codePointAt(0)!;
}
