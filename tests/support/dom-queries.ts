/**
 * How many DOM queries (`querySelector`, `querySelectorAll`) a call makes: the site tests hold
 * each adapter's batch scan to a fixed number, whatever the number of posts. `closest` is not
 * counted: it walks up, not down. With `over`, only the queries over that element (the batch).
 */
export function countQueries(run: () => void, over?: Element): number {
  const proto = Element.prototype;
  const qsa = proto.querySelectorAll;
  const qs = proto.querySelector;
  let n = 0;
  proto.querySelectorAll = function (this: Element, css: string) {
    if (!over || this === over) n++;
    return qsa.call(this, css);
  } as typeof qsa;
  proto.querySelector = function (this: Element, css: string) {
    if (!over || this === over) n++;
    return qs.call(this, css);
  } as typeof qs;
  try {
    run();
  } finally {
    proto.querySelectorAll = qsa;
    proto.querySelector = qs;
  }
  return n;
}
