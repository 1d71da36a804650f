package sim

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

const listPath = "index.php?module=UWizard&action=index"

// listPkg is one package of the Uploaded or Installed table, read the way
// the 7.x templates lay it out: a data row whose action cell spans 3 rows,
// then a description row, (uploaded only) an italic status row and one row
// per condition, closed by an HR row.
type listPkg struct {
	led, name, typ, version, date, author string
	description, status                   string
	statusClass                           string
	conditions                            []string // ids of the condition checkboxes
	condInputID                           string   // id of the install form's hidden conditions input
	forms                                 map[string]url.Values
	rows                                  int // rows before the HR row
}

// parseList reads the table under the <h3> with this title.
func parseList(t *testing.T, body, title string) []listPkg {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var table *goquery.Selection
	doc.Find("h3").Each(func(_ int, h *goquery.Selection) {
		if strings.TrimSpace(h.Text()) == title && table == nil {
			table = h.Parent().NextAllFiltered("table").First()
		}
	})
	if table == nil || table.Length() == 0 {
		return nil
	}
	var out []listPkg
	var cur *listPkg
	table.Find("tbody > tr").Each(func(_ int, tr *goquery.Selection) {
		cells := tr.ChildrenFiltered("td")
		switch {
		case cells.Length() == 1 && cells.HasClass("listViewHRS1"):
			if cur != nil {
				out = append(out, *cur)
			}
			cur = nil
		case cur == nil:
			cur = &listPkg{forms: map[string]url.Values{}, rows: 1}
			cur.led, _ = cells.Eq(0).Find("div").Attr("class")
			cur.name = strings.TrimSpace(cells.Eq(1).Text())
			cur.typ = strings.TrimSpace(cells.Eq(2).Text())
			cur.version = strings.TrimSpace(cells.Eq(3).Text())
			cur.date = strings.TrimSpace(cells.Eq(4).Text())
			if cells.Length() == 7 {
				cur.author = strings.TrimSpace(cells.Eq(5).Text())
			}
			cur.condInputID, _ = cells.Last().Find(`input[name="conditions"]`).Attr("id")
			cells.Last().Find("form").Each(func(_ int, f *goquery.Selection) {
				v := hiddenInputs(f)
				cur.forms[v.Get("perform")] = v
			})
		default:
			cur.rows++
			div := cells.Find("div.listAddLine")
			switch {
			case div.Length() > 0 && cur.rows == 2:
				cur.description = strings.TrimSpace(div.Text())
			case div.Length() > 0:
				cur.status = strings.TrimSpace(div.Text())
				cur.statusClass, _ = div.Attr("class")
			default:
				if id, ok := cells.Find("input[type=checkbox]").Attr("id"); ok {
					cur.conditions = append(cur.conditions, id)
				}
			}
		}
	})
	return out
}

func hiddenInputs(f *goquery.Selection) url.Values {
	v := url.Values{}
	f.Find("input[type=hidden]").Each(func(_ int, in *goquery.Selection) {
		n, _ := in.Attr("name")
		val, _ := in.Attr("value")
		v.Add(n, val)
	})
	return v
}

func findPkg(pkgs []listPkg, name string) (listPkg, bool) {
	for _, p := range pkgs {
		if p.name == name {
			return p, true
		}
	}
	return listPkg{}, false
}

var reConditionLine = regexp.MustCompile(`\$\('([^']+)'\)\.value \+= '([^']*)';`)

// scriptConditions runs the list page's condition lines the way the
// browser does: hidden input id → value.
func scriptConditions(body string) map[string]string {
	out := map[string]string{}
	for _, m := range reConditionLine.FindAllStringSubmatch(body, -1) {
		out[m[1]] += m[2]
	}
	return out
}

// rowForm returns the form (by perform) of the uploaded package whose name
// is name, with its hidden conditions input filled as the page's script
// fills it.
func rowForm(t *testing.T, body, name, perform string) url.Values {
	t.Helper()
	p, ok := findPkg(parseList(t, body, "Uploaded Packages"), name)
	if !ok {
		t.Fatalf("no uploaded package %q in:\n%s", name, text(body))
	}
	f := p.forms[perform]
	if f == nil {
		t.Fatalf("package %q has no %s form", name, perform)
	}
	if v, ok := scriptConditions(body)[p.condInputID]; ok && p.condInputID != "" {
		f.Set("conditions", v)
	}
	return f
}

// downloadUpdate fetches the first Available Updates package of the scenario.
func downloadUpdate(t *testing.T, r *Running) (string, []byte) {
	t.Helper()
	return downloadUpdateN(t, r, 0)
}

func downloadUpdateN(t *testing.T, r *Running, i int) (string, []byte) {
	t.Helper()
	sc := r.Server.Scenario()
	name := sc.Updates[i].Package.FileName
	resp, err := http.Get(r.URL + downloadPrefix + name)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return name, b
}

func adminBrowser(t *testing.T, r *Running) *browser {
	b := newBrowser(t, r.URL)
	b.mustLogin(DemoUser, DemoPassword)
	return b
}
