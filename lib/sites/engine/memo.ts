/**
 * A bounded memo for pure functions of a string (href → account key, label → normalised
 * label). A feed repeats the same authors thousands of times; parsing each link once per
 * distinct href keeps the scan cheap. One per adapter instance (per tab): no module state.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  constructor(
    private readonly compute: (key: string) => V,
    private readonly max = 4096,
  ) {}

  get(key: string): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const v = this.compute(key);
    // Cleared when full: simpler and cheaper than LRU, and a feed refills it at once.
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, v);
    return v;
  }

  get size(): number {
    return this.map.size;
  }
}
