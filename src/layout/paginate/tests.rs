//! The paginator on plain frames: positions, breaks, chains, repeated headers, flows and
//! ruled lines at the end.

use super::*;
use crate::layout::Rect;

fn geometry(body_h: f32) -> Geometry {
    Geometry {
        width: 612.0,
        height: 792.0,
        printable: Rect::new(36.0, 36.0, 540.0, 720.0),
        body: Rect::new(54.0, 100.0, 504.0, body_h),
    }
}

/// A frame whose one item is a filled box the frame's full height, so positions show.
fn frame(height: f32, keep_with_next: bool) -> Frame {
    Frame {
        height,
        items: vec![Item::Fill {
            rect: Rect::new(54.0, 0.0, 504.0, height),
            color: Color::rgb(0, 0, 0),
        }],
        space_before: 10.0,
        keep_with_next,
        ..Frame::default()
    }
}

fn tops(page: &[Item]) -> Vec<f32> {
    page.iter().map(|i| i.bounds().y).collect()
}

#[test]
fn frames_stack_with_gaps_and_break_when_full() {
    let pages = paginate(vec![frame(100.0, false); 5], &geometry(300.0)).unwrap();
    // 100 + 10 + 100 = 210 fits, a third needs 320 > 300.
    assert_eq!(pages.len(), 3);
    assert_eq!(tops(&pages[0].items), vec![100.0, 210.0]);
    // The gap above a frame is dropped at the top of a page.
    assert_eq!(tops(&pages[1].items), vec![100.0, 210.0]);
    assert_eq!(tops(&pages[2].items), vec![100.0]);
}

#[test]
fn a_heading_moves_to_the_next_page_with_its_paragraph() {
    // 150 + (10+40 heading) fits in 300, but the heading's paragraph (10+100) would not.
    let frames = vec![frame(150.0, false), frame(40.0, true), frame(100.0, false)];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0].items.len(), 1);
    assert_eq!(tops(&pages[1].items), vec![100.0, 150.0]);
}

#[test]
fn a_frame_taller_than_a_page_is_an_error_not_clipped() {
    let mut tall = frame(400.0, false);
    tall.block = Some(3);
    let err = paginate(vec![tall], &geometry(300.0)).unwrap_err();
    assert_eq!(err.field.to_string(), "blocks[3]");
    assert!(
        err.message.contains("too tall for a page"),
        "{}",
        err.message
    );
}

#[test]
fn a_keep_chain_longer_than_a_page_still_progresses() {
    let frames = vec![frame(120.0, true); 6];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages.iter().map(|p| p.items.len()).sum::<usize>(), 6);
}

#[test]
fn a_keep_chain_longer_than_a_page_fills_pages_instead_of_one_frame_each() {
    // Ten headings kept with the next, 100 tall with 10 between: two share a 300 page,
    // but the chain of ten never fits one, so it binds only where it fits: the last two
    // headings and the 50 after them (100 + 110 + 60) share the last page.
    let mut frames = vec![frame(100.0, true); 10];
    frames.push(frame(50.0, false));
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    let per_page: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(per_page, [2, 2, 2, 2, 3], "{per_page:?}");
}

#[test]
fn content_past_the_last_page_allowed_is_an_error_at_its_block() {
    // Two frames to a page: the frame that would start one page too many is refused.
    let mut frames = vec![frame(100.0, false); 2 * MAX_PAGES + 1];
    frames[2 * MAX_PAGES].block = Some(7);
    let err = paginate(frames, &geometry(300.0)).unwrap_err();
    assert_eq!(err.field.to_string(), "blocks[7]");
    assert!(err.message.contains("too many pages"), "{}", err.message);
    let fits = vec![frame(100.0, false); 2 * MAX_PAGES];
    assert_eq!(paginate(fits, &geometry(300.0)).unwrap().len(), MAX_PAGES);
}

#[test]
fn a_table_header_repeats_on_the_next_page() {
    let header = frame(20.0, true);
    let mut rows = vec![header.clone()];
    for _ in 0..4 {
        let mut row = frame(100.0, false);
        row.space_before = 0.0;
        row.repeat_header = Some(Box::new(header.clone()));
        rows.push(row);
    }
    let pages = paginate(rows, &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 2);
    // Page 1: header + two rows; page 2: the header again, then the last two rows.
    assert_eq!(tops(&pages[0].items), vec![100.0, 120.0, 220.0]);
    assert_eq!(tops(&pages[1].items), vec![100.0, 120.0, 220.0]);
    assert_eq!(pages[1].items[0].bounds().h, 20.0);
}

#[test]
fn fill_lines_run_to_the_foot_of_the_page() {
    let mut notes = frame(50.0, false);
    notes.fill = Some(FillLines {
        pitch: 25.0,
        x0: 54.0,
        x1: 558.0,
        color: Color::rgb(0, 0, 0),
        width: 1.0,
    });
    let pages = paginate(vec![notes], &geometry(300.0)).unwrap();
    let lines: Vec<f32> = pages[0]
        .items
        .iter()
        .skip(1)
        .map(|i| i.bounds().y + 0.5)
        .collect();
    // Lines at 175, 200, ..., 400 (the body's bottom), none beyond.
    assert_eq!(lines.len(), 10, "{lines:?}");
    assert!(lines.iter().all(|&y| y <= 400.0));
}

/// A flow of `columns` columns, each of `pieces` pieces `h` tall, 5 apart, under a head 20
/// tall, with two pieces at least on each side of a cut.
fn flow(columns: usize, pieces: usize, h: f32) -> Frame {
    flow_of(&vec![pieces; columns], h)
}

/// A flow of columns of `counts[c]` pieces `h` tall, each under its own head 20 tall.
fn flow_of(counts: &[usize], h: f32) -> Frame {
    let fill = |c: usize, h: f32| Item::Fill {
        rect: Rect::new(54.0 + 260.0 * c as f32, 0.0, 240.0, h),
        color: Color::rgb(0, 0, 0),
    };
    let piece = |c: usize| Piece {
        items: vec![fill(c, h)],
        height: h,
    };
    let cols = counts
        .iter()
        .enumerate()
        .map(|(c, &n)| (0..n).map(|_| piece(c)).collect())
        .collect();
    let heads = (0..counts.len()).map(|c| vec![fill(c, 20.0)]).collect();
    let flow = Flow::new(heads, 20.0, cols, 5.0, 2);
    Frame {
        height: flow.height(),
        flow: Some(Box::new(flow)),
        space_before: 10.0,
        ..Frame::default()
    }
}

#[test]
fn columns_fill_the_page_and_continue_on_the_next_under_their_head() {
    // 150 placed; 10 gap; the head (20) leaves 120: three pieces of 30 + 5 in each column.
    let frames = vec![frame(150.0, false), flow(2, 10, 30.0)];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 2);
    // Page 1: the frame, the two heads, three pieces in each column.
    assert_eq!(pages[0].items.len(), 1 + 2 + 2 * 3);
    assert_eq!(tops(&pages[0].items)[1], 260.0);
    // Page 2: the heads again at the top, then the seven pieces left in each column.
    assert_eq!(pages[1].items.len(), 2 + 2 * 7);
    assert_eq!(tops(&pages[1].items)[..4], [100.0, 100.0, 125.0, 160.0]);
    assert_eq!(pages[1].first_block, pages[0].last_block);
}

#[test]
fn a_column_already_finished_does_not_repeat_its_head() {
    // Two columns, the second short: it ends on page 1, so page 2 has only the first's head.
    let frame_flow = flow_of(&[10, 2], 30.0);
    let pages = paginate(vec![frame(150.0, false), frame_flow], &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 2);
    // Page 1: the frame, both heads, three pieces of the first column and both of the second.
    assert_eq!(pages[0].items.len(), 1 + 2 + 3 + 2);
    // Page 2: the first column's head and its seven pieces; nothing at the second's place.
    assert_eq!(pages[1].items.len(), 1 + 7);
    assert!(pages[1].items.iter().all(|i| i.bounds().x < 300.0));
}

#[test]
fn a_column_keeps_two_items_on_each_side_of_a_break() {
    // Room for four of five pieces: the cut leaves two for the next page.
    let frames = vec![frame(110.0, false), flow(1, 5, 30.0)];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages[0].items.len(), 1 + 1 + 3);
    assert_eq!(pages[1].items.len(), 1 + 2);
    // Room for one piece only: the whole block moves on.
    let frames = vec![frame(230.0, false), flow(1, 5, 30.0)];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages[0].items.len(), 1);
    assert_eq!(pages[1].items.len(), 1 + 5);
}

#[test]
fn a_heading_moves_on_with_columns_that_cannot_start_under_it() {
    // The heading and the head fit, but not the first two pieces of a column.
    let frames = vec![frame(170.0, false), frame(40.0, true), flow(2, 6, 30.0)];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages[0].items.len(), 1);
    assert_eq!(tops(&pages[1].items)[..2], [100.0, 150.0]);
}

/// Ruled lines for notes: a title 20 tall, then lines 26 apart from 46, two in the frame.
fn notes() -> Frame {
    let line = |y: f32| Item::Line {
        from: (54.0, y),
        to: (558.0, y),
        color: Color::rgb(0, 0, 0),
        width: 0.8,
    };
    Frame {
        height: 73.0,
        items: vec![
            Item::Fill {
                rect: Rect::new(54.0, 0.0, 200.0, 20.0),
                color: Color::rgb(0, 0, 0),
            },
            line(46.0),
            line(72.0),
        ],
        space_before: 10.0,
        fill: Some(FillLines {
            pitch: 26.0,
            x0: 54.0,
            x1: 558.0,
            color: Color::rgb(0, 0, 0),
            width: 0.8,
        }),
        ..Frame::default()
    }
}

#[test]
fn notes_at_the_end_start_at_the_foot_with_the_lines_that_fit() {
    // 60 left after the gap: the title and the first line, not the second.
    let pages = paginate(vec![frame(230.0, false), notes()], &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 1, "no page for the notes alone");
    assert_eq!(pages[0].items.len(), 1 + 2);
    // Less room than the first line needs: they move on, and fill that page.
    let pages = paginate(vec![frame(260.0, false), notes()], &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 2);
    assert!(pages[1].items.len() > 3);
    // Not last, the notes block is one piece like any other.
    let frames = vec![frame(230.0, false), notes(), frame(10.0, false)];
    let pages = paginate(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages[0].items.len(), 1);
}

#[test]
fn a_last_page_that_only_spilled_over_is_saved_by_tighter_gaps() {
    // 135 + 10 + 135 + 10 + 20 = 310 in a 300 page: 20 spill over onto a page of their own.
    let frames = vec![frame(135.0, false), frame(135.0, false), frame(20.0, false)];
    assert_eq!(paginate(frames.clone(), &geometry(300.0)).unwrap().len(), 2);
    // With the gaps halved, 300: one page.
    let pages = paginate_saving(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(tops(&pages[0].items), vec![100.0, 240.0, 380.0]);
    // A last page with more on it is a real page: the layout is kept as it was.
    let frames = vec![frame(135.0, false), frame(135.0, false), frame(80.0, false)];
    let pages = paginate_saving(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(tops(&pages[0].items), vec![100.0, 245.0]);
}

#[test]
fn ruled_lines_alone_on_the_last_page_count_as_spilled_over() {
    // 120 + 10 + 120 + 10 + 46.4 (the notes' title and first line) > 300: the notes fill a
    // page of their own. With the gaps halved they start at the foot of the first page.
    let frames = vec![frame(120.0, false), frame(120.0, false), notes()];
    assert_eq!(paginate(frames.clone(), &geometry(300.0)).unwrap().len(), 2);
    let pages = paginate_saving(frames, &geometry(300.0)).unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(
        pages[0].items.len(),
        2 + 2,
        "the frames, the title and one line"
    );
}
