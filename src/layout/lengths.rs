//! Every length of the page's look, in points, grouped by the part of the page it shapes.
//!
//! Each group has its standard values here; [`Style`](super::Style) holds one of each group
//! per edition, so an edition that needs bigger boxes or wider lines (large print) changes
//! values in `Style::large_print`, not code. Type sizes and colours live in `Style` itself;
//! ratios that are not lengths (line pitch as a multiple of the type size) are constants in
//! `style.rs`.

/// The page around the content: margins and the footer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageLengths {
    /// Left and right margin of the text: three quarters of an inch.
    pub side_margin: f32,
    /// From the header band to the first line of content.
    pub below_header: f32,
    /// From the last line of content to the footer's rule.
    pub above_footer: f32,
    /// From the footer's rule to its first line of text.
    pub footer_pad: f32,
    /// The footer's rule: thin, it only separates.
    pub footer_rule: f32,
    /// Kept clear between the contact line and "Page N of M" beside it.
    pub page_label_gap: f32,
}

impl PageLengths {
    pub const STANDARD: PageLengths = PageLengths {
        side_margin: 54.0,
        below_header: 20.0,
        above_footer: 14.0,
        footer_pad: 8.0,
        footer_rule: 1.0,
        page_label_gap: 16.0,
    };
}

/// The brand band at the top of every page: logo, clinic name and tagline, QR code with its
/// caption. The band is as tall as its tallest part needs, and never lower than `height`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeaderLengths {
    /// Least height of the band: room for a legible logo and one line each of name and
    /// tagline.
    pub height: f32,
    /// From the band's left edge to the logo, and from its right edge to the QR code's
    /// column: the band's contents sit symmetrically.
    pub logo_inset: f32,
    /// Above and below the logo, so it never touches the band's edges.
    pub logo_pad: f32,
    /// Tallest logo: a taller band (large print, a caption) does not blow the logo up.
    pub logo_max: f32,
    /// From the logo to the clinic name.
    pub text_gap: f32,
    /// Above and below the clinic name and tagline, when they set the band's height.
    pub text_pad: f32,
    /// Lines the clinic name, and the tagline, may each take before the rest is cut.
    pub text_lines: usize,
    /// Kept clear right of the name when there is no QR code.
    pub text_end: f32,
    /// Above the QR code and below its caption: the code's quiet zone is drawn with it, so a
    /// small pad is enough.
    pub qr_pad: f32,
    /// Smallest side of the QR code: its squares stay big enough to scan from paper.
    pub qr_side: f32,
    /// Kept clear between the name and the QR code.
    pub qr_gap: f32,
    /// From the QR code to its caption.
    pub caption_gap: f32,
    /// Widest the caption under the QR code may be before it wraps.
    pub caption_width: f32,
}

impl HeaderLengths {
    pub const STANDARD: HeaderLengths = HeaderLengths {
        height: 60.0,
        logo_inset: 12.0,
        logo_pad: 8.0,
        logo_max: 44.0,
        text_gap: 14.0,
        text_pad: 8.0,
        text_lines: 1,
        text_end: 16.0,
        qr_pad: 3.0,
        qr_side: 48.0,
        qr_gap: 12.0,
        caption_gap: 1.0,
        caption_width: 150.0,
    };
}

/// The title at the top of the first page and the rule under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TitleLengths {
    /// From the title to the subtitle.
    pub subtitle_gap: f32,
    /// From the last title line to the rule.
    pub rule_gap: f32,
    /// The rule under the title: bold enough to close the title off from the content.
    pub rule: f32,
}

impl TitleLengths {
    pub const STANDARD: TitleLengths = TitleLengths {
        subtitle_gap: 4.0,
        rule_gap: 6.0,
        rule: 2.0,
    };
}

/// Bulleted and numbered lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListLengths {
    /// Indent of a bulleted item's text: room for the bullet and a clear gap.
    pub bullet_indent: f32,
    /// Indent of a numbered item's text: room for two digits and a dot.
    pub number_indent: f32,
    /// From the left margin to the bullet.
    pub bullet_x: f32,
    /// From a number's dot to its item's text; numbers are right-aligned on it.
    pub number_gap: f32,
    /// Between items, so each reads as its own point.
    pub item_gap: f32,
}

impl ListLengths {
    pub const STANDARD: ListLengths = ListLengths {
        bullet_indent: 22.0,
        number_indent: 30.0,
        bullet_x: 5.0,
        number_gap: 8.0,
        item_gap: 4.0,
    };
}

/// The checklist table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TableLengths {
    /// Left and right of the text in a cell.
    pub cell_pad: f32,
    /// Narrowest box column: wide enough to tick comfortably whatever its label.
    pub min_box_column: f32,
    /// A column label wraps this much narrower than its column, so neighbours never touch.
    pub label_inset: f32,
    /// Above and below the header row's labels.
    pub header_pad: f32,
    /// Above and below an item's text.
    pub row_pad: f32,
    /// Lowest item row: the check box with room around it.
    pub min_row: f32,
    /// Side of a check box: big enough to tick with a pen.
    pub check_box: f32,
    /// Outline of a check box: dark enough to see on a poor copy.
    pub box_stroke: f32,
    /// Rule under each row: hairline, a guide for the eye only.
    pub row_rule: f32,
}

impl TableLengths {
    pub const STANDARD: TableLengths = TableLengths {
        cell_pad: 8.0,
        min_box_column: 44.0,
        label_inset: 4.0,
        header_pad: 6.0,
        row_pad: 6.0,
        min_row: 30.0,
        check_box: 16.0,
        box_stroke: 1.2,
        row_rule: 0.6,
    };
}

/// Lists side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColumnLengths {
    /// Between columns, so the lists read as separate.
    pub gap: f32,
    /// From the column titles' last line to the rule under them.
    pub rule_gap: f32,
    /// From the rule to where the lists begin (before each item's own gap).
    pub below_rule: f32,
    /// The rule under each column title.
    pub rule: f32,
    /// Indent of an item's text: narrower than a full-width list's, columns are tight.
    pub bullet_indent: f32,
    /// From the column's left edge to the bullet.
    pub bullet_x: f32,
    /// Above each item.
    pub item_gap: f32,
}

impl ColumnLengths {
    pub const STANDARD: ColumnLengths = ColumnLengths {
        gap: 24.0,
        rule_gap: 5.0,
        below_rule: 5.0,
        rule: 1.5,
        bullet_indent: 20.0,
        bullet_x: 4.0,
        item_gap: 5.0,
    };
}

/// Write-in fields: a label and a line to write on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldLengths {
    /// Lowest row: write-in lines this far apart leave room for handwriting.
    pub min_row: f32,
    /// Between two fields sharing a row.
    pub gap: f32,
    /// Room kept for writing, right of the label; less and the field takes a whole row.
    pub min_write: f32,
    /// From the label's end to its line.
    pub label_gap: f32,
    /// Above the label, in a row grown by a wrapped label.
    pub above_label: f32,
    /// Below the label's last line box, room for the line and descenders.
    pub below_label: f32,
    /// The write-in line below the label's baseline, clear of descenders.
    pub line_drop: f32,
    /// The write-in line: visible on a poor copy, lighter than text.
    pub line: f32,
    /// The fillable box's bottom below the baseline, just above the printed line.
    pub box_drop: f32,
    /// A value written on the line starts this far from each of its ends.
    pub value_inset: f32,
    /// Between rows of fields.
    pub row_gap: f32,
    /// Smallest size a written value shrinks to before it wraps onto a second line: the
    /// footer's 10 pt, still easy to read; large print does not shrink at all.
    pub min_value: f32,
    /// Least distance between the ruled lines of a value wrapped onto several lines (else
    /// they are a body line apart): large print keeps every ruled line far apart.
    pub min_line_gap: f32,
}

impl FieldLengths {
    pub const STANDARD: FieldLengths = FieldLengths {
        min_row: 36.0,
        gap: 24.0,
        min_write: 150.0,
        label_gap: 8.0,
        above_label: 4.0,
        below_label: 8.0,
        line_drop: 3.0,
        line: 0.8,
        box_drop: 2.0,
        value_inset: 4.0,
        row_gap: 2.0,
        min_value: 10.0,
        min_line_gap: 0.0,
    };
}

/// Notes: the tinted call-out box, and the ruled lines for the patient's own notes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoteLengths {
    /// Inside the call-out box, around its title and text.
    pub pad: f32,
    /// The brand-coloured bar on the box's left edge.
    pub bar: f32,
    /// From the box's title to its text.
    pub title_gap: f32,
    /// Between ruled lines: room for handwriting.
    pub line_pitch: f32,
    /// A ruled line: visible on a poor copy, lighter than text.
    pub line: f32,
    /// Below the last ruled line of the block, so the line is inside it.
    pub below_lines: f32,
}

impl NoteLengths {
    pub const STANDARD: NoteLengths = NoteLengths {
        pad: 14.0,
        bar: 6.0,
        title_gap: 2.0,
        line_pitch: 26.0,
        line: 0.8,
        below_lines: 1.0,
    };
}
