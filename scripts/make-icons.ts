/**
 * Render the icon set (public/icon/{16,32,48,128}.png) from one SVG in headless Chromium, and write
 * each as a 16-colour indexed PNG (4 bits per pixel, a tRNS table for the anti-aliased edges): the
 * design is five flat colours, so 16 palette entries keep the edges smooth (40+ dB PSNR against the
 * full render) at a third of the bytes of RGBA PNGs (4.7 kB → 1.6 kB for the set).
 * Run after changing the design: `npx node scripts/make-icons.ts`. The PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from '../tests/e2e/harness.ts';

// A purple rounded square with a white bookmark ribbon over a stack of pages.
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect x="4" y="4" width="120" height="120" rx="28" fill="#6d28d9"/>
  <rect x="30" y="22" width="60" height="80" rx="8" fill="#c4b5fd"/>
  <rect x="38" y="28" width="60" height="80" rx="8" fill="#ffffff"/>
  <path d="M70 28h20v44l-10-8-10 8z" fill="#f59e0b"/>
  <rect x="48" y="80" width="34" height="6" rx="3" fill="#c4b5fd"/>
  <rect x="48" y="92" width="24" height="6" rx="3" fill="#c4b5fd"/>
</svg>`;

const MAX_COLOURS = 16;

/** RRGGBBAA as one number; every fully transparent pixel is the same colour. */
const colourAt = (rgba: Uint8Array, i: number) =>
  rgba[i + 3] === 0 ? 0 : ((rgba[i]! << 24) | (rgba[i + 1]! << 16) | (rgba[i + 2]! << 8) | rgba[i + 3]!) >>> 0;

/**
 * At most `n` colours: weighted k-means in premultiplied RGBA (so a faint edge pixel counts for
 * little), seeded with the most frequent colour and then the colours worst served so far. The flat
 * fills dominate the weights and come out exact; the edge blends share the remaining entries.
 */
export function quantise(rgba: Uint8Array, n: number): Uint8Array {
  const counts = new Map<number, number>();
  for (let i = 0; i < rgba.length; i += 4) counts.set(colourAt(rgba, i), (counts.get(colourAt(rgba, i)) ?? 0) + 1);
  if (counts.size <= n) return rgba;
  type Vec = [number, number, number, number];
  const premultiplied = (c: number): Vec => {
    const a = c & 255;
    return [((c >>> 24) * a) / 255, (((c >>> 16) & 255) * a) / 255, (((c >>> 8) & 255) * a) / 255, a];
  };
  const dist = (p: Vec, q: Vec) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2 + (p[2] - q[2]) ** 2 + (p[3] - q[3]) ** 2;
  const colours = [...counts].map(([c, weight]) => ({ c, weight, p: premultiplied(c) })).sort((a, b) => b.weight - a.weight);
  const nearest = (centres: Vec[], p: Vec) => {
    let best = 0;
    centres.forEach((c, i) => {
      if (dist(c, p) < dist(centres[best]!, p)) best = i;
    });
    return best;
  };
  const centres: Vec[] = [colours[0]!.p];
  while (centres.length < n) {
    const cost = (x: (typeof colours)[number]) => x.weight * dist(centres[nearest(centres, x.p)]!, x.p);
    centres.push([...colours.reduce((a, b) => (cost(b) > cost(a) ? b : a)).p]);
  }
  for (let round = 0; round < 50; round++) {
    const sums = centres.map(() => [0, 0, 0, 0, 0]);
    for (const x of colours) {
      const s = sums[nearest(centres, x.p)]!;
      for (let k = 0; k < 4; k++) s[k]! += x.p[k]! * x.weight;
      s[4]! += x.weight;
    }
    sums.forEach((s, i) => {
      if (s[4]) centres[i] = [s[0]! / s[4]!, s[1]! / s[4]!, s[2]! / s[4]!, s[3]! / s[4]!];
    });
  }
  const straight = centres.map(([r, g, b, a]) => {
    const alpha = Math.round(a);
    const un = (v: number) => Math.min(255, Math.round((v * 255) / alpha));
    return alpha ? [un(r), un(g), un(b), alpha] : [0, 0, 0, 0];
  });
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) out.set(straight[nearest(centres, premultiplied(colourAt(rgba, i)))]!, i);
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Uint8Array) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * RGBA pixels (at most 256 colours) → the smallest indexed PNG we can make losslessly: 1, 2, 4 or 8 bits per pixel,
 * translucent palette entries first (tRNS lists only those), and for every scanline the PNG filter
 * (none, sub, up, average, Paeth) tried whole-image, keeping the smallest deflate.
 */
export function indexedPng(width: number, height: number, rgba: Uint8Array): Buffer {
  const counts = new Map<number, number>();
  const key = (i: number) => colourAt(rgba, i);
  for (let i = 0; i < rgba.length; i += 4) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  if (counts.size > 256) throw new Error(`${width}px: ${counts.size} colours, more than a palette holds`);
  // translucent first (tRNS stops at the last one), then by frequency
  const colours = [...counts.keys()].sort((a, b) => Number((a & 255) === 255) - Number((b & 255) === 255) || counts.get(b)! - counts.get(a)!);
  const index = new Map(colours.map((c, i) => [c, i]));
  const depth = colours.length <= 2 ? 1 : colours.length <= 4 ? 2 : colours.length <= 16 ? 4 : 8;
  const stride = Math.ceil((width * depth) / 8);
  const rows: Uint8Array[] = [];
  for (let y = 0; y < height; y++) {
    const row = new Uint8Array(stride);
    for (let x = 0; x < width; x++) {
      const v = index.get(key((y * width + x) * 4))!;
      const bit = x * depth;
      row[bit >> 3]! |= v << (8 - depth - (bit & 7));
    }
    rows.push(row);
  }
  const filtered = (type: number) => {
    const out = new Uint8Array(height * (stride + 1));
    rows.forEach((row, y) => {
      const up = rows[y - 1] ?? new Uint8Array(stride);
      out[y * (stride + 1)] = type;
      for (let x = 0; x < stride; x++) {
        // bytes per pixel is 1 for every indexed depth
        const a = x ? row[x - 1]! : 0;
        const b = up[x]!;
        const c = x ? up[x - 1]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][type]!;
        out[y * (stride + 1) + 1 + x] = (row[x]! - pred) & 255;
      }
    });
    return deflateSync(out, { level: 9, memLevel: 9 });
  };
  const idat = [0, 1, 2, 3, 4].map(filtered).sort((a, b) => a.length - b.length)[0]!;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = 3; // indexed colour
  const plte = Buffer.from(colours.flatMap((c) => [c >>> 24, (c >>> 16) & 255, (c >>> 8) & 255]));
  const trns = Buffer.from(colours.filter((c) => (c & 255) !== 255).map((c) => c & 255));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    ...(trns.length ? [chunk('tRNS', trns)] : []),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ]);
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  // straight (not premultiplied) RGBA from a canvas the size of the icon
  const rgba = await page.evaluate(
    async ({ svg, size }) => {
      const img = new Image(size, size);
      img.src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
      await img.decode();
      const ctx = new OffscreenCanvas(size, size).getContext('2d')!;
      ctx.drawImage(img, 0, 0, size, size);
      return [...ctx.getImageData(0, 0, size, size).data];
    },
    { svg: SVG.replace('<svg ', `<svg width="${size}" height="${size}" `), size },
  );
  writeFileSync(`${ROOT}/public/icon/${size}.png`, indexedPng(size, size, quantise(Uint8Array.from(rgba), MAX_COLOURS)));
}
await browser.close();
console.log('wrote public/icon/{16,32,48,128}.png');
