//! The waiting count drawn onto the tray icon: a red badge with white digits in its top right
//! corner. The tray's title (beside the icon) shows on macOS and some Linux panels only; pixels
//! show everywhere. Pure pixel work on RGBA buffers, so the shell only hands the result over.

/// The badge's fill and the ring and digits on it.
const RED: [u8; 4] = [211, 47, 47, 255];
const WHITE: [u8; 4] = [255, 255, 255, 255];

/// Digits and `+` as 3×5 bitmaps, one row a byte, the leftmost column the highest of 3 bits:
/// at tray sizes (16 to 64 px) a font file would blur to nothing, blocks stay readable.
pub fn glyph(c: char) -> Option<[u8; 5]> {
    Some(match c {
        '0' => [0b111, 0b101, 0b101, 0b101, 0b111],
        '1' => [0b010, 0b110, 0b010, 0b010, 0b111],
        '2' => [0b111, 0b001, 0b111, 0b100, 0b111],
        '3' => [0b111, 0b001, 0b111, 0b001, 0b111],
        '4' => [0b101, 0b101, 0b111, 0b001, 0b001],
        '5' => [0b111, 0b100, 0b111, 0b001, 0b111],
        '6' => [0b111, 0b100, 0b111, 0b101, 0b111],
        '7' => [0b111, 0b001, 0b001, 0b010, 0b010],
        '8' => [0b111, 0b101, 0b111, 0b101, 0b111],
        '9' => [0b111, 0b101, 0b111, 0b001, 0b111],
        '+' => [0b000, 0b010, 0b111, 0b010, 0b000],
        _ => return None,
    })
}

/// What the badge reads: nothing at 0, the number up to 99, then `99+` (a fourth character
/// would not fit a 16 px icon).
pub fn label(count: i64) -> Option<String> {
    match count {
        i64::MIN..=0 => None,
        1..=99 => Some(count.to_string()),
        _ => Some("99+".to_owned()),
    }
}

/// Where the badge and its text sit on a `width`×`height` icon for a label of `chars`
/// characters; `scale` is the side of one glyph cell in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub scale: u32,
    pub text_x: u32,
    pub text_y: u32,
}

pub fn layout(width: u32, height: u32, chars: u32) -> Layout {
    let chars = chars.max(1);
    // A bit more than half the icon: readable in a 16 px tray, the icon still recognisable.
    let badge_h = (height * 9 / 16).max(7).min(height);
    let mut scale = (badge_h * 3 / 25).max(1);
    let size = |scale: u32| {
        let text_w = scale * (4 * chars - 1);
        let pad = badge_h.saturating_sub(5 * scale) / 2;
        (text_w, (text_w + 2 * pad).max(badge_h))
    };
    // Three characters on a small icon: smaller digits rather than a badge wider than the icon.
    while scale > 1 && size(scale).1 > width {
        scale -= 1;
    }
    let (text_w, badge_w) = size(scale);
    let badge_w = badge_w.min(width);
    let x = width - badge_w;
    Layout {
        x,
        y: 0,
        width: badge_w,
        height: badge_h,
        scale,
        text_x: x + badge_w.saturating_sub(text_w) / 2,
        text_y: badge_h.saturating_sub(5 * scale) / 2,
    }
}

/// `icon` (RGBA, `width`×`height`) with the badge for `count` drawn on it; the icon itself when
/// there is nothing to count or the buffer is not the size it claims.
pub fn draw(icon: &[u8], width: u32, height: u32, count: i64) -> Vec<u8> {
    let mut out = icon.to_vec();
    let Some(text) = label(count) else { return out };
    if icon.len() != (width as usize) * (height as usize) * 4 || width == 0 || height == 0 {
        return out;
    }
    let l = layout(width, height, text.chars().count() as u32);
    let mut put = |x: u32, y: u32, c: [u8; 4]| {
        if x < width && y < height {
            let i = ((y * width + x) * 4) as usize;
            out[i..i + 4].copy_from_slice(&c);
        }
    };
    // A pill: a circle at each end of a straight middle; a white ring parts it from the icon.
    let r = l.height as f32 / 2.0;
    let ring = (l.height as f32 / 12.0).max(1.0);
    for y in l.y..l.y + l.height {
        for x in l.x..l.x + l.width {
            let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let qx = px.clamp(l.x as f32 + r, (l.x + l.width) as f32 - r);
            let d = ((px - qx).powi(2) + (py - (l.y as f32 + r)).powi(2)).sqrt();
            if d <= r - ring {
                put(x, y, RED);
            } else if d <= r {
                put(x, y, WHITE);
            }
        }
    }
    for (i, c) in text.chars().enumerate() {
        let Some(rows) = glyph(c) else { continue };
        let gx = l.text_x + i as u32 * 4 * l.scale;
        for (row, bits) in rows.iter().enumerate() {
            for col in 0..3u32 {
                if bits & (0b100 >> col) == 0 {
                    continue;
                }
                for dy in 0..l.scale {
                    for dx in 0..l.scale {
                        put(gx + col * l.scale + dx, l.text_y + row as u32 * l.scale + dy, WHITE);
                    }
                }
            }
        }
    }
    out
}

/// `icon` shrunk by a whole factor until its width is at most `max` (box average): the tray
/// shows 16–64 px, and a 512 px icon handed over on every change is work for nothing.
pub fn shrink(icon: &[u8], width: u32, height: u32, max: u32) -> (Vec<u8>, u32, u32) {
    let f = width.div_ceil(max.max(1)).max(1);
    if f == 1 || icon.len() != (width as usize) * (height as usize) * 4 {
        return (icon.to_vec(), width, height);
    }
    let (w, h) = (width / f, height / f);
    let mut out = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let mut sum = [0u32; 4];
            for dy in 0..f {
                for dx in 0..f {
                    let i = (((y * f + dy) * width + x * f + dx) * 4) as usize;
                    for (s, v) in sum.iter_mut().zip(&icon[i..i + 4]) {
                        *s += u32::from(*v);
                    }
                }
            }
            out.extend(sum.iter().map(|s| (s / (f * f)) as u8));
        }
    }
    (out, w, h)
}

/// A short fingerprint of the pixels (FNV-1a, 64 bits, hex): tests and the shell's status tell
/// one drawn icon from another without shipping the pixels.
pub fn fingerprint(rgba: &[u8]) -> String {
    let hash = rgba.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}
