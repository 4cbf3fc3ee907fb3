package draft

import (
	"strings"
)

// A table in the complaint is read on paper: the facts column holds whole
// sentences beside short times, a long log runs over several pages, and a
// reader turning a page must still know which column is which. So columns
// are as wide as their content asks (the widest text gets what is left),
// the header row starts every page the table runs on, and a header is never
// left alone at the foot of a page.

const (
	cellSize  = 8 // font size in table cells
	cellLineH = 4 // mm per line of a cell
	cellPad   = 1 // mm around a cell's text
)

// table draws a pipe table whose first row is its header.
func (r *renderer) table(cells [][]string) {
	if len(cells) == 0 {
		return
	}
	// The widest row sets the columns, so a ragged row loses no cell; past
	// what the page holds, the last cells share one column.
	cols := 0
	for _, row := range cells {
		cols = max(cols, len(row))
	}
	cols = max(1, min(cols, int((r.right-r.left)/minColumn)))
	texts := make([][]string, len(cells))
	for i, row := range cells {
		if len(row) > cols {
			row = append(row[:cols-1:cols-1], strings.Join(row[cols-1:], " | "))
		}
		texts[i] = make([]string, cols)
		for c := range row {
			texts[i][c] = breakable(row[c])
		}
	}
	// The cell's padding is cellPad alone: fpdf's own cell margin would
	// be taken again by SplitText and CellFormat.
	cm := r.pdf.GetCellMargin()
	r.pdf.SetCellMargin(0)
	defer r.pdf.SetCellMargin(cm)
	widths := r.columnWidths(texts)
	lines := make([][][]string, len(texts))
	for i, row := range texts {
		r.cellFont(i)
		lines[i] = make([][]string, cols)
		for c, text := range row {
			lines[i][c] = r.cellLines(text, widths[c]-2*cellPad)
		}
	}

	// fpdf's own page breaks would cut a row's cells apart: the table
	// breaks its pages itself.
	auto, margin := r.pdf.GetAutoPageBreak()
	r.pdf.SetAutoPageBreak(false, margin)
	defer r.pdf.SetAutoPageBreak(auto, margin)
	_, pageH := r.pdf.GetPageSize()
	bottom := pageH - margin
	_, top, _, _ := r.pdf.GetMargins()

	header := lines[0]
	headerH := rowHeight(header)
	// The header and the first row (or as much of it as a page holds)
	// start together, on this page or the next.
	first := headerH
	if len(lines) > 1 {
		first += min(rowHeight(lines[1]), bottom-top-headerH)
	}
	if r.pdf.GetY()+first > bottom && r.pdf.GetY() > top+0.5 {
		r.pdf.AddPage()
	}
	r.row(0, header, widths)
	for i := 1; i < len(lines); i++ {
		row := lines[i]
		for {
			room := int((bottom - r.pdf.GetY() - 2*cellPad) / cellLineH)
			need := rowLines(row)
			if need <= room {
				r.row(i, row, widths)
				break
			}
			// A row taller than what is left: on a fresh page (under its
			// header) it is cut where the page ends, else it moves on.
			if r.pdf.GetY() > top+headerH+0.5 || room < 1 {
				r.pdf.AddPage()
				r.row(0, header, widths)
				continue
			}
			head, rest := cutRow(row, room)
			r.row(i, head, widths)
			r.pdf.AddPage()
			r.row(0, header, widths)
			row = rest
		}
	}
	r.pdf.SetFont(family, "", bodySize)
	r.pdf.SetX(r.left)
	r.pdf.Ln(2)
}

// cellFont sets the font of row i: the header in bold.
func (r *renderer) cellFont(i int) {
	style := ""
	if i == 0 {
		style = "B"
	}
	r.pdf.SetFont(family, style, cellSize)
}

// row draws one row of cell lines at the current position, each cell boxed
// to the row's height.
func (r *renderer) row(i int, cells [][]string, widths []float64) {
	r.cellFont(i)
	y := r.pdf.GetY()
	h := rowHeight(cells)
	x := r.left
	for c, lines := range cells {
		r.pdf.Rect(x, y, widths[c], h, "D")
		for k, l := range lines {
			r.pdf.SetXY(x+cellPad, y+cellPad+float64(k)*cellLineH)
			r.pdf.CellFormat(widths[c]-2*cellPad, cellLineH, l, "", 0, "L", false, 0, "")
		}
		x += widths[c]
	}
	r.pdf.SetXY(r.left, y+h)
}

// rowLines is the number of lines of a row's tallest cell.
func rowLines(cells [][]string) int {
	n := 1
	for _, lines := range cells {
		n = max(n, len(lines))
	}
	return n
}

// rowHeight is a row's height in mm: every cell of a row is as tall as its
// tallest, so the grid stays straight.
func rowHeight(cells [][]string) float64 {
	return float64(rowLines(cells))*cellLineH + 2*cellPad
}

// cutRow splits a row after n lines of each cell.
func cutRow(cells [][]string, n int) (head, rest [][]string) {
	head, rest = make([][]string, len(cells)), make([][]string, len(cells))
	for c, lines := range cells {
		k := min(n, len(lines))
		head[c], rest[c] = lines[:k], lines[k:]
	}
	return head, rest
}

// cellLines wraps text to width mm in the current font.
func (r *renderer) cellLines(text string, width float64) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var out []string
	// SplitText keeps fpdf's cell margin free on each side: give it back.
	for _, l := range r.pdf.SplitText(text, width+2*r.pdf.GetCellMargin()) {
		out = append(out, strings.TrimRight(l, " "))
	}
	return out
}

// columnWidths shares the line between the columns: a column whose text
// fits in its share keeps its natural width; the others share what is left
// in proportion to their text, never narrower than their longest word (or
// minColumn), so the facts get the room the times do not need.
func (r *renderer) columnWidths(texts [][]string) []float64 {
	cols := len(texts[0])
	avail := r.right - r.left
	natural := make([]float64, cols)
	least := make([]float64, cols)
	for i, row := range texts {
		r.cellFont(i)
		for c, text := range row {
			for _, para := range strings.Split(text, "\n") {
				natural[c] = max(natural[c], r.pdf.GetStringWidth(para)+2*cellPad+0.5)
			}
			for _, w := range strings.Fields(text) {
				least[c] = max(least[c], r.pdf.GetStringWidth(w)+2*cellPad+0.5)
			}
		}
	}
	for c := range least {
		natural[c] = max(natural[c], minColumn/2)
		least[c] = min(max(least[c], minColumn), natural[c], avail/2)
	}
	widths := make([]float64, cols)
	sum := 0.0
	for _, w := range natural {
		sum += w
	}
	if sum <= avail {
		// Everything fits on one line: the widest column takes the rest,
		// so the table spans the page like the text around it.
		copy(widths, natural)
		widest := 0
		for c := range natural {
			if natural[c] > natural[widest] {
				widest = c
			}
		}
		widths[widest] += avail - sum
		return widths
	}
	// Columns that fit in an equal share of what is left keep their
	// natural width (times, numbers), until none does; the wide ones then
	// share the rest in proportion to their text, each at least as wide as
	// its longest word.
	fixed := make([]bool, cols)
	left, open := avail, cols
	for changed := true; changed && open > 0; {
		changed = false
		for c := range widths {
			if !fixed[c] && natural[c] <= left/float64(open) {
				widths[c], fixed[c], changed = natural[c], true, true
				left -= natural[c]
				open--
			}
		}
	}
	for changed := true; changed && open > 0; {
		changed = false
		share := 0.0
		for c := range widths {
			if !fixed[c] {
				share += natural[c]
			}
		}
		for c := range widths {
			if fixed[c] {
				continue
			}
			widths[c] = left * natural[c] / share
			if widths[c] < least[c] {
				widths[c], fixed[c], changed = least[c], true, true
				left -= least[c]
				open--
				break
			}
		}
	}
	// Too many wide words for the line: every column shrinks alike, and
	// fpdf cuts words that no longer fit.
	sum = 0
	for _, w := range widths {
		sum += w
	}
	if sum > avail {
		for c := range widths {
			widths[c] *= avail / sum
		}
	}
	return widths
}
