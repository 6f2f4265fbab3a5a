//! The waiting count drawn onto the tray icon (issue 16): what the badge reads, that each count
//! draws something different, that every glyph cell lands where a reader expects it, and that
//! the icon keeps its size.

use khachquen::outreach::badge::{draw, fingerprint, glyph, label, layout, shrink};

const RED: [u8; 4] = [211, 47, 47, 255];
const WHITE: [u8; 4] = [255, 255, 255, 255];

/// A plain blue icon: anything red or white on it was drawn by the badge.
fn icon(w: u32, h: u32) -> Vec<u8> {
    [30u8, 90, 200, 255].repeat((w * h) as usize)
}

fn px(rgba: &[u8], w: u32, x: u32, y: u32) -> [u8; 4] {
    let i = ((y * w + x) * 4) as usize;
    rgba[i..i + 4].try_into().expect("4 bytes")
}

#[test]
fn the_badge_reads_the_count_up_to_99_then_99_plus_and_nothing_at_0() {
    assert_eq!(label(0), None);
    assert_eq!(label(-3), None, "a count below zero is a bug upstream, not a badge");
    assert_eq!(label(1).as_deref(), Some("1"));
    assert_eq!(label(12).as_deref(), Some("12"));
    assert_eq!(label(99).as_deref(), Some("99"));
    assert_eq!(label(100).as_deref(), Some("99+"));
    assert_eq!(label(12_345).as_deref(), Some("99+"));
}

#[test]
fn no_badge_at_0_and_each_count_draws_a_different_icon_of_the_same_size() {
    for (w, h) in [(16, 16), (32, 32), (64, 64)] {
        let base = icon(w, h);
        assert_eq!(draw(&base, w, h, 0), base, "{w}px: nothing waiting leaves the icon as it is");
        let drawn: Vec<Vec<u8>> = [1, 12, 100].iter().map(|&n| draw(&base, w, h, n)).collect();
        for (n, d) in [1, 12, 100].iter().zip(&drawn) {
            assert_eq!(d.len(), base.len(), "{w}px, {n}: the icon keeps its size");
            assert_ne!(d, &base, "{w}px, {n}: a count shows");
        }
        let prints: std::collections::BTreeSet<String> =
            drawn.iter().chain([&base]).map(|d| fingerprint(d)).collect();
        assert_eq!(prints.len(), 4, "{w}px: 0, 1, 12 and 100 look different");
        assert_eq!(draw(&base, w, h, 100), draw(&base, w, h, 250), "both read 99+");
    }
}

#[test]
fn every_glyph_cell_is_white_where_the_digit_has_ink_and_red_where_it_has_none() {
    for (w, n, text) in
        [(32, 1, "1"), (32, 12, "12"), (32, 100, "99+"), (64, 80, "80"), (16, 7, "7")]
    {
        let d = draw(&icon(w, w), w, w, n);
        let l = layout(w, w, text.len() as u32);
        assert!(l.x + l.width <= w && l.height <= w, "{text}: the badge stays on the icon");
        for (i, c) in text.chars().enumerate() {
            let rows = glyph(c).expect("a glyph for every character of a label");
            for (row, bits) in rows.iter().enumerate() {
                for col in 0..3u32 {
                    // The middle of the cell: the cell is `scale` pixels square.
                    let x = l.text_x + i as u32 * 4 * l.scale + col * l.scale + l.scale / 2;
                    let y = l.text_y + row as u32 * l.scale + l.scale / 2;
                    let want = if bits & (0b100 >> col) != 0 { WHITE } else { RED };
                    assert_eq!(px(&d, w, x, y), want, "{w}px {text}: '{c}' row {row} col {col}");
                }
            }
        }
    }
}

#[test]
fn an_eight_and_a_zero_differ_in_the_middle_of_the_glyph() {
    // The one cell that tells 0 from 8: a reader must see it.
    let (w, l) = (32, layout(32, 32, 2));
    let mid = |n| {
        let d = draw(&icon(w, w), w, w, n);
        // The second glyph's centre cell (row 2, column 1).
        px(
            &d,
            w,
            l.text_x + 4 * l.scale + l.scale + l.scale / 2,
            l.text_y + 2 * l.scale + l.scale / 2,
        )
    };
    assert_eq!(mid(18), WHITE);
    assert_eq!(mid(10), RED);
}

#[test]
fn the_badge_sits_top_right_and_leaves_the_rest_of_the_icon_alone() {
    let (w, base) = (32, icon(32, 32));
    let d = draw(&base, w, w, 5);
    assert_eq!(px(&d, w, 0, w - 1), px(&base, w, 0, w - 1), "bottom left untouched");
    assert_eq!(px(&d, w, 0, 0), px(&base, w, 0, 0), "top left untouched");
    let l = layout(w, w, 1);
    assert_eq!(l.x + l.width, w, "flush with the right edge");
    assert_eq!(l.y, 0, "flush with the top");
    // The badge's rounded corner keeps the icon's own pixel.
    assert_eq!(px(&d, w, w - 1, 0), px(&base, w, w - 1, 0));
}

#[test]
fn a_buffer_of_the_wrong_size_is_returned_as_it_is() {
    let bad = vec![1u8; 10];
    assert_eq!(draw(&bad, 32, 32, 3), bad);
    assert_eq!(draw(&[], 0, 0, 3), Vec::<u8>::new());
}

#[test]
fn a_large_icon_shrinks_by_a_whole_factor_averaging_its_pixels() {
    let mut big = icon(128, 128);
    // One white 2×2 block at the top left: its average survives a shrink by 2.
    for (x, y) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        let i = (y * 128 + x) * 4;
        big[i..i + 4].copy_from_slice(&WHITE);
    }
    let (small, w, h) = shrink(&big, 128, 128, 64);
    assert_eq!((w, h, small.len()), (64, 64, 64 * 64 * 4));
    assert_eq!(px(&small, 64, 0, 0), WHITE);
    assert_eq!(px(&small, 64, 1, 0), [30, 90, 200, 255]);
    let (same, w, _) = shrink(&small, 64, 64, 64);
    assert_eq!((w, &same), (64, &small), "already small enough");
}

#[test]
fn the_fingerprint_tells_pixels_apart() {
    assert_eq!(fingerprint(&[1, 2, 3]), fingerprint(&[1, 2, 3]));
    assert_ne!(fingerprint(&[1, 2, 3]), fingerprint(&[1, 2, 4]));
    assert_eq!(fingerprint(&[]).len(), 16);
}
