package sim

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
)

// printPDF is GET /printer/pdf/{Model}/{id}: a small valid PDF, or the
// broken-template failure of spec §10.1.
func (s *Server) printPDF(w http.ResponseWriter, model, id string) {
	rec, ok := s.recordOr404(w, model, id)
	if !ok {
		return
	}
	switch s.sc.Faults.PDFBroken {
	case "500":
		s.phpFatal(w, phpError{class: "Error", msg: "Call to undefined method PdfTemplate::renderCustomBlock()", file: "custom/pdf/QuoteTemplate.php", line: 41,
			trace: []string{"include/pdf/PdfManager.php(133): QuoteTemplate->render()", "include/api/PrinterHandler.php(58): PdfManager->output()", "api.php(31): Router->route()"}})
		return
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Write([]byte("<br />\n<b>Warning</b>:  Undefined variable $logo in /var/www/1crm/custom/pdf/QuoteTemplate.php on line 41<br />\n<strong>TCPDF ERROR: </strong>Some data has already been output, can't send PDF file"))
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+model+`.pdf"`)
	w.Write(minimalPDF(fmt.Sprint(rec["name"])))
}

// minimalPDF builds a one-page PDF 1.4 with a correct xref table.
func minimalPDF(title string) []byte {
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	// Latin-1 only in a Type1 font: replace what it cannot show.
	safe := strings.Map(func(r rune) rune {
		if r > 126 {
			return '?'
		}
		return r
	}, title)
	content := fmt.Sprintf("BT /F1 14 Tf 72 760 Td (%s) Tj ET", esc.Replace(safe))
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
