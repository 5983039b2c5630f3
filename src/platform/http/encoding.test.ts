import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, compressFile, compressPage, isCompressible } from './encoding.ts';

describe('choosing a content coding (RFC 9110 §12.5.3)', () => {
  it('brotli goes to a browser that takes it, whatever else it takes', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('br'), 'br');
    assert.equal(chooseEncoding('*'), 'br');
  });

  it('gzip goes to a client that takes only gzip, refuses brotli or weighs it lower', () => {
    assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
    assert.equal(chooseEncoding('gzip;q=1, br;q=0.5'), 'gzip');
    assert.equal(chooseEncoding('*;q=0.1, gzip'), 'gzip');
  });

  it('nothing is compressed without the header, for identity only, or when both codings are refused', () => {
    assert.equal(chooseEncoding(undefined), null);
    assert.equal(chooseEncoding(''), null);
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding('deflate'), null);
    assert.equal(chooseEncoding('*;q=0'), null);
    assert.equal(chooseEncoding('br;q=0, gzip;q=0, *'), null);
    assert.equal(chooseEncoding('gzip;q=nonsense'), null);
  });

  it('text, JSON, scripts and SVG are worth compressing; already compressed images and downloads are not', () => {
    for (const type of ['text/html; charset=UTF-8', 'text/css', 'application/json', 'text/javascript', 'application/hsds+json', 'image/svg+xml']) {
      assert.ok(isCompressible(type), type);
    }
    for (const type of ['image/png', 'application/octet-stream', 'application/zip', null]) assert.ok(!isCompressible(type), String(type));
  });
});

describe('compressing', () => {
  const page = Buffer.from('<p class="utrecht-paragraph">Hulp bij geldzorgen in uw buurt</p>\n'.repeat(200));

  it('a page compressed for a request comes back whole, and far smaller', async () => {
    const br = await compressPage(page, 'br');
    const gzip = await compressPage(page, 'gzip');
    assert.deepEqual(brotliDecompressSync(br), page);
    assert.deepEqual(gunzipSync(gzip), page);
    assert.ok(br.byteLength < page.byteLength / 10 && gzip.byteLength < page.byteLength / 10);
  });

  it('a file compressed once, as small as it gets, comes back whole in both codings', async () => {
    const br = await compressFile(page, 'br');
    assert.deepEqual(brotliDecompressSync(br), page);
    assert.ok(br.byteLength < page.byteLength / 10);
    assert.deepEqual(gunzipSync(await compressFile(page, 'gzip')), page);
  });
});
