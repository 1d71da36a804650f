package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/text"
	"github.com/visual4/1crm-update/ui/widgets"
)

// packageScreen gets the update ZIP (W2): download a listed update (R4) or
// use a local file (R2, R3), then shows the local validation.
type packageScreen struct {
	menu   menu
	input  *inputForm // local path, while typing
	check  *steps.PackageCheck
	scroll scroller
}

func (*packageScreen) title(m *Model) string { return m.st.StepName("package") }
func (s *packageScreen) typing() bool        { return s.input != nil }
func (s *packageScreen) keys(m *Model) []key.Binding {
	if s.input != nil {
		return m.inputKeys()
	}
	return m.menuKeys()
}

func (s *packageScreen) init(m *Model) tea.Cmd {
	s.check, s.input = nil, nil
	var items []menuItem
	if m.o.PackageFile != "" {
		items = append(items, menuItem{key: "f", id: "preset", label: m.t.PackageUsePreset(filepath.Base(m.o.PackageFile))})
	}
	if pf := m.snap.Preflight; pf != nil {
		for i, u := range pf.Updates {
			label := m.t.PackageDownload(u.Version, u.Package)
			items = append(items, menuItem{key: fmt.Sprint(i + 1), id: fmt.Sprintf("dl%d", i), label: label})
		}
	}
	items = append(items, menuItem{key: "d", id: "file", label: m.t.PackageLocalFile()})
	s.menu = menu{items: items}
	return nil
}

func (s *packageScreen) back(m *Model) tea.Cmd {
	if s.input != nil || s.check != nil {
		return s.init(m)
	}
	return nil
}

func (s *packageScreen) update(m *Model, msg tea.Msg) tea.Cmd {
	if s.input != nil {
		cmd, done := s.input.update(msg)
		if !done {
			return cmd
		}
		path := ExpandPath(*s.input.value)
		s.input = nil
		return s.validate(m, path)
	}
	if s.check != nil {
		if s.scroll.handle(msg) {
			return nil
		}
		switch s.menu.pick(msg) {
		case "continue":
			return m.advance()
		case "other":
			return s.init(m)
		}
		return nil
	}
	id := s.menu.pick(msg)
	switch {
	case id == "preset":
		return s.validate(m, m.o.PackageFile)
	case id == "file":
		s.input = newInput(m, m.t.PackagePathTitle(), m.t.PackagePathHelp(), m.o.PackageFile, func(p string) error {
			st, err := os.Stat(ExpandPath(p))
			if err != nil {
				return errors.New(m.t.PackagePathMissing())
			}
			if st.IsDir() {
				return errors.New(m.t.PackagePathIsDir())
			}
			return nil
		})
		return s.input.form.Init()
	case strings.HasPrefix(id, "dl"):
		var i int
		fmt.Sscanf(id, "dl%d", &i)
		return s.download(m, m.snap.Preflight.Updates[i])
	}
	return nil
}

func (s *packageScreen) validate(m *Model, path string) tea.Cmd {
	a := action{
		label:  m.t.PackageChecking(filepath.Base(path)),
		server: m.t.ServerUnchanged(),
		run: func(ctx context.Context, _ func(any)) (any, error) {
			return m.e.UsePackageFile(path)
		},
	}
	a.done = s.onCheck(&a)
	return m.start(a)
}

func (s *packageScreen) download(m *Model, u crmclient.AvailableUpdate) tea.Cmd {
	a := action{
		label:  m.t.PackageDownloading(u.Version),
		server: m.t.ServerUnchanged(),
		run: func(ctx context.Context, report func(any)) (any, error) {
			return m.e.DownloadUpdate(ctx, u, func(got, total int64) { report(transferMsg{got, total}) })
		},
	}
	a.done = s.onCheck(&a)
	return m.start(a)
}

func (s *packageScreen) onCheck(a *action) func(*Model, any, error) tea.Cmd {
	return func(m *Model, v any, err error) tea.Cmd {
		if err != nil {
			return m.showError(err, a)
		}
		s.check = v.(*steps.PackageCheck)
		m.refresh()
		if s.check.OK {
			s.menu = menu{items: []menuItem{
				{id: "continue", label: m.t.ContinueTo(m.st.StepName("path"))},
			}}
		} else {
			s.menu = menu{items: []menuItem{{key: "d", id: "other", label: m.t.PackageChooseOther()}}}
		}
		return nil
	}
}

func (s *packageScreen) view(m *Model, width, height int) string {
	var b strings.Builder
	if s.input != nil {
		b.WriteString(m.t.PackageIntro(orUnknown(m, m.snap.Live.VersionBefore)) + "\n\n")
		b.WriteString(s.input.view())
		return b.String()
	}
	if s.check == nil {
		intro := m.t.PackageIntro(orUnknown(m, m.snap.Live.VersionBefore))
		if note := PackageSourceNote(m.t, m.snap.Preflight, m.o.SupportEmail); note != "" {
			intro += "\n" + note
		}
		b.WriteString(widgets.Wrap(intro, width-2) + "\n\n")
		b.WriteString(s.menu.view(m))
		return b.String()
	}
	c := s.check
	b.WriteString(m.fact(m.t.PackageFile(), c.FileName) + "\n")
	b.WriteString(m.fact(m.t.PackageSize(), m.t.Bytes(c.Size)) + "\n")
	b.WriteString(m.fact(m.t.PackageName(), PackageLabel(c)) + "\n")
	if !Mentioned(c.Verdicts, c.SHA256) {
		// The whole hash on one line (73 columns): the admin may compare it with the vendor's.
		b.WriteString(m.s.Muted.Render("SHA-256:") + " " + c.SHA256 + "\n")
	}
	b.WriteString("\n")
	if c.OK {
		b.WriteString(m.s.OK.Render(m.t.PackageValid()) + "\n")
	} else {
		b.WriteString(m.s.Bad.Render(m.t.PackageInvalid()) + "\n")
	}
	b.WriteString(m.verdicts(c.Verdicts, width, true) + "\n")
	if NeedsExtensionsNote(c) {
		b.WriteString("\n" + widgets.Wrap(m.t.PackageExtensionsNote(strings.Join(c.AffectedExtensions, ", ")), width-2) + "\n")
	}
	foot := s.menu.view(m)
	return s.scroll.window(m, b.String(), height-countLines(foot)-1) + "\n\n" + foot
}

// NeedsExtensionsNote: R22 — steps names the affected extensions in a
// verdict of its own; the UI's note is only for a check without one, so
// the list is never shown twice.
func NeedsExtensionsNote(c *steps.PackageCheck) bool {
	return len(c.AffectedExtensions) > 0 && !hasRule(c.Verdicts, "R22")
}

// PackageLabel is "name version (type)", without the version twice when
// the manifest's name already carries it ("1CRM 8.7.7 Update").
func PackageLabel(c *steps.PackageCheck) string {
	name := c.Name
	if c.Version != "" && !strings.Contains(name, c.Version) {
		name += " " + c.Version
	}
	return fmt.Sprintf("%s (%s)", name, c.Type)
}

// Mentioned reports whether a verdict already shows s (e.g. steps' W2
// verdict names the SHA-256): a screen shows each fact once.
func Mentioned(vs []steps.Verdict, s string) bool {
	if s == "" {
		return false
	}
	for _, v := range vs {
		if strings.Contains(v.Title+v.Detail, s) {
			return true
		}
	}
	return false
}

// PackageSourceNote says where the ZIP comes from when 1CRM offers no
// download: on the Startup routes (R2 vendor website, R3 partner) an update
// listed on the License page is not the way, so "none offered" would mislead.
func PackageSourceNote(t text.Texts, pf *steps.Preflight, supportMail string) string {
	if pf == nil {
		return ""
	}
	switch {
	case pf.Route == steps.RouteVendorWebsite:
		return t.PackageFromVendor()
	case pf.Route == steps.RoutePartnerZIP:
		return t.PackageFromPartner(supportMail)
	case len(pf.Updates) == 0:
		return t.PackageNoneListed()
	}
	return ""
}
