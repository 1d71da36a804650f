package page

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/visual4/1crm-update/crmclient"
	"github.com/visual4/1crm-update/steps"
	"github.com/visual4/1crm-update/ui/text"
)

// Issue 8 item 8: a full disk while the update ZIP is saved is this
// computer's problem (syscall.Errno is also a net.Error: it must not read
// as "server cannot be reached"); steps' words with the path are shown.
func TestCause_downloadDiskFullIsLocal(t *testing.T) {
	werr := &crmclient.DownloadWriteError{Path: "/var/state/runs/x/update.zip",
		Err: &os.PathError{Op: "write", Path: "/var/state/runs/x/update.zip.part", Err: syscall.ENOSPC}}
	err := &steps.ActionError{Step: steps.StepPackage, Text: "The update package cannot be saved: the disk is full (/var/state/runs/x).", Err: werr}
	if c := CauseCode(err); c != "local_disk" {
		t.Fatalf("cause %q", c)
	}
	cause, detail := Explain(text.EN, err)
	if !strings.Contains(cause, "disk is full (/var/state/runs/x)") || detail != "" {
		t.Fatalf("cause %q detail %q", cause, detail)
	}
}

// A Go socket error handed back as the server's "message" is a dropped
// connection and never shown as 1CRM's words.
func TestCause_transportTextIsNoServerMessage(t *testing.T) {
	err := &crmclient.ServerMessageError{Kind: crmclient.ErrUploadNotAccepted,
		Text: "POST http://crm/index.php: write tcp 10.0.0.1:5->10.0.0.2:80: write: connection reset by peer"}
	if c := CauseCode(err); c != "network_dropped" {
		t.Fatalf("cause %q", c)
	}
	for _, tab := range []text.Texts{text.DE, text.EN} {
		cause, detail := Explain(tab, err)
		if detail != "" || strings.Contains(cause, "PHP") {
			t.Errorf("%s: cause %q detail %q", tab.Lang(), cause, detail)
		}
	}
	if !errors.Is(err, crmclient.ErrUploadNotAccepted) {
		t.Fatal("test error lost its kind")
	}
}
