// One translator for both front-ends: a catalogue's message with {placeholders} filled, as text
// (escaped later by the html template) or as HTML whose placeholders are markup of our own.
import { html, type SafeHtml } from './html.ts';

export type Translator<K extends string> = (key: K, params?: Readonly<Record<string, string | number>>) => string;

/** Looks keys up in one catalogue; an unknown placeholder stays as written, so a slip shows instead of vanishing. */
export function translatorFor<K extends string>(messages: Readonly<Record<K, string>>): Translator<K> {
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  };
}

/**
 * A translated sentence with markup in its placeholders ("Receipt {number} …" with the number in
 * <strong>): the sentence's own text is escaped, the SafeHtml values are placed as they are.
 */
export function translateHtml(message: string, params: Readonly<Record<string, SafeHtml>>): SafeHtml {
  const parts = message.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    const value = name === undefined ? undefined : params[name];
    return value ?? part;
  });
  return html`${parts}`;
}
