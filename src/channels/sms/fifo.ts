// The SMPP client's waiting parts: a plain array used as a queue would copy itself on every shift.
/** A queue that does not shift an array: tens of thousands of parts may wait. */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  get size(): number { return this.items.length - this.head; }
  push(item: T): void { this.items.push(item); }
  peek(): T | undefined { return this.items[this.head]; }
  shift(): T | undefined {
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  drain(): T[] {
    const rest = this.items.slice(this.head).filter((item): item is T => item !== undefined);
    this.items = [];
    this.head = 0;
    return rest;
  }
}
