"""Every icon the installers need, from the one drawing in icons/icon.png (512x512 RGBA).

    python3 packaging/icons.py

Writes icons/<n>x<n>.png (the hicolor sizes the .deb installs) and icons/icon.ico (16 to 256 px,
each entry a PNG: the Vista+ form, which Windows, NSIS and the resource compiler read). Python's standard library only: the build machines have no image tools.
The outputs are committed; run this again only when icon.png changes.
"""
import struct
import sys
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "icons"
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def read_png(path: Path):
    data = path.read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path} is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if (depth, colour, interlace) != (8, 6, 0):
        sys.exit(f"{path}: expected 8-bit RGBA, not interlaced")
    raw = zlib.decompress(idat)
    stride = width * 4
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, rows


def png_bytes(size: int, rows) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def weights(src: int, dst: int):
    """For each output pixel, the source pixels it covers and how much of each (area average)."""
    scale = src / dst
    out = []
    for o in range(dst):
        lo, hi = o * scale, (o + 1) * scale
        cover = []
        for s in range(int(lo), min(src, int(hi) + 1)):
            w = min(hi, s + 1) - max(lo, s)
            if w > 1e-9:
                cover.append((s, w / scale))
        out.append(cover)
    return out


def resize(width: int, rows, size: int):
    """Area-averaged down-scaling in premultiplied alpha, so transparent corners do not bleed a
    dark fringe into the rounded edge."""
    pre = [[(r[x * 4] * r[x * 4 + 3], r[x * 4 + 1] * r[x * 4 + 3], r[x * 4 + 2] * r[x * 4 + 3], r[x * 4 + 3])
            for x in range(width)] for r in rows]
    wx, wy = weights(width, size), weights(len(rows), size)
    # Columns first, then rows: two passes of one dimension each.
    narrow = [[tuple(sum(row[s][k] * w for s, w in wx[x]) for k in range(4)) for x in range(size)] for row in pre]
    out = []
    for y in range(size):
        line = bytearray()
        for x in range(size):
            r, g, b, a = (sum(narrow[s][x][k] * w for s, w in wy[y]) for k in range(4))
            if a < 0.5:
                line += b"\x00\x00\x00\x00"
            else:
                line += bytes(min(255, round(c / a)) for c in (r, g, b)) + bytes([min(255, round(a))])
        out.append(line)
    return out


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, bodies = b"", b""
    for s in sizes:
        body = pngs[s]
        # 256 is written as 0 in the one-byte width and height fields.
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(body), offset)
        bodies += body
        offset += len(body)
    return header + entries + bodies


def main():
    width, height, rows = read_png(ICONS / "icon.png")
    if width != height:
        sys.exit("icon.png must be square")
    pngs = {}
    for size in sorted(set(PNG_SIZES) | set(ICO_SIZES)):
        pngs[size] = png_bytes(size, resize(width, rows, size))
    for size in PNG_SIZES:
        (ICONS / f"{size}x{size}.png").write_bytes(pngs[size])
    (ICONS / "icon.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    print(f"wrote {len(PNG_SIZES)} PNGs and icon.ico ({', '.join(map(str, ICO_SIZES))} px) in {ICONS}")


if __name__ == "__main__":
    main()
