// The page kit: escaping by default, the one translator, forms with their labels and errors, and
// the document both front-ends share.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorPageBody, field, select } from './forms.ts';
import { html, trustedHtml } from './html.ts';
import { languageSwitcher, renderDocument } from './layout.ts';
import { translateHtml, translatorFor } from './translator.ts';

test('html escapes every interpolated value unless it is ours', () => {
  const name = '<script>alert("x")</script>';
  assert.equal(html`<p title="${name}">${name}</p>`.text, '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  assert.equal(html`<p>${[html`<b>${'a&b'}</b>`, trustedHtml('<br>')]}</p>`.text, '<p><b>a&amp;b</b><br></p>');
  // A look-alike object from data is not SafeHtml: it renders as nothing, never as raw markup.
  const lookAlike = JSON.parse('{"text":"<img src=x onerror=alert(1)>"}') as ReturnType<typeof trustedHtml>;
  assert.equal(html`${lookAlike}`.text, '');
});

test('the translator fills placeholders and leaves unknown ones visible', () => {
  const t = translatorFor({ greet: 'Hello {name}, {missing}' });
  assert.equal(t('greet', { name: 'Aysel' }), 'Hello Aysel, {missing}');
  const sentence = translateHtml('Receipt {number} for <you>', { number: html`<strong>${'A&1'}</strong>` });
  assert.equal(sentence.text, 'Receipt <strong>A&amp;1</strong> for &lt;you&gt;');
});

test('a field has a visible label, and its error sits beside it', () => {
  const out = field({ id: 'phone', label: 'Phone <1>', error: 'Not a number', required: false }).text;
  assert.match(out, /<label for="phone">Phone &lt;1&gt;<\/label>/);
  assert.match(out, /<p class="field-error" id="phone-error" role="alert">Not a number<\/p>/);
  assert.match(out, /aria-describedby="phone-error"/);
  assert.match(out, /aria-invalid="true"/);
  assert.doesNotMatch(out, /required/);
  assert.match(select('m', 'Months', [{ value: '1', label: 'one' }, { value: '3', label: 'three' }], '3').text, /<option value="1">one<\/option><option value="3" selected>three<\/option>/);
  assert.equal(errorPageBody('Gone', { href: '/x', label: 'Back' }).text, '<p class="alert error" role="alert">Gone</p><p><a href="/x">Back</a></p>');
});

test('the document carries <html lang> and the switcher keeps the page\'s query', () => {
  const switcher = languageSwitcher({ languages: ['az', 'en'], current: 'en', names: { az: 'Azərbaycanca', en: 'English' }, here: new URL('http://x.invalid/p?q=1&lang=az'), label: 'Language' });
  assert.match(switcher.text, /<a href="\/p\?q=1&amp;lang=az" hreflang="az" lang="az">Azərbaycanca<\/a>/);
  assert.match(switcher.text, /lang="en" aria-current="true">English</);
  const page = renderDocument({ lang: 'en', title: 'A & B', head: html``, body: switcher });
  assert.match(page, /^<!doctype html>\n<html lang="en">/);
  assert.match(page, /<title>A &amp; B<\/title>/);
});
