package text

import (
	"time"

	"github.com/visual4/1crm-update/crmclient"
)

// ---- long waits (German)

func (de) WaitDuration(d time.Duration) string { return waitClock(d, "Std.", "Min.", "Sek.") }

func (de) StallTitle(wait, since string, alive bool) string {
	if !alive {
		return "Keine Antwort von 1CRM seit " + since
	}
	switch wait {
	case crmclient.WaitBackupHistory:
		return "Verbindung während der Sicherung abgebrochen (Sicherung läuft seit " + since + ") – der Assistent beobachtet die Backup-Liste"
	case crmclient.WaitInstallStep:
		return "1CRM antwortet, aber der Installationsschritt läuft schon " + since
	case crmclient.WaitInstallList:
		return "1CRM antwortet, meldet die Installation aber seit " + since + " nicht als fertig"
	}
	return "1CRM arbeitet seit " + since + " an der Sicherung"
}

func (de) StallBody(wait string, alive bool, left string) string {
	var s string
	switch wait {
	case crmclient.WaitBackup, crmclient.WaitBackupHistory:
		if alive {
			s = "1CRM erstellt die Sicherung auch ohne Verbindung zu Ende; der Assistent sieht regelmäßig in der Backup-Liste nach, ob sie erschienen ist. "
		} else {
			s = "Der Server ist vielleicht überlastet oder die Verbindung gestört. Die Sicherung läuft auf dem Server wahrscheinlich weiter. "
		}
		s += "Weiter warten: der Assistent wartet auf die fertige Sicherung. " +
			"Im Browser prüfen: die Seite „Backup Management“ zeigt, ob eine neue Sicherung dazugekommen ist. " +
			"Pausieren: der Assistent hört auf zu warten, die Sicherung auf dem Server läuft weiter; beim nächsten Start sucht er sie in der Liste, statt eine zweite zu starten."
	default:
		if alive {
			s = "Die Installation läuft auf dem Server; manche Schritte (Dateien kopieren, Datenbank anpassen) brauchen auf großen Systemen mehrere Minuten. "
		} else {
			s = "Der Server ist vielleicht überlastet oder die Verbindung gestört; die Installation läuft auf dem Server womöglich weiter. "
		}
		s += "Bis sie fertig ist, können sich Benutzer nicht anmelden. " +
			"Weiter warten: der Assistent wartet auf den nächsten Schritt. " +
			"Im Browser prüfen: die Liste der Upgrade-Verwaltung zeigt, ob die Installation noch läuft (upgrade.php dort bitte nicht öffnen, solange der Assistent wartet – sonst treiben zwei die Installation voran). " +
			"Pausieren: der Assistent hört auf zu warten; die Installation bleibt als begonnen vermerkt, und beim nächsten Start setzt er sie an derselben Stelle fort, statt sie neu zu starten."
	}
	if left != "" {
		s += " Ohne Fortschritt hört der Assistent in " + left + " von selbst auf zu warten."
	}
	return s
}

func (de) InstallStalled(waited, step, url string, alive bool) string {
	s := "Die Installation kommt seit " + waited + " nicht voran"
	if step != "" {
		s += " (zuletzt: „" + step + "“)"
	}
	if alive {
		s += "; 1CRM antwortet, schließt den Schritt aber nicht ab. "
	} else {
		s += "; 1CRM antwortet nicht mehr. "
	}
	return s + "Auf dem Server ist sie noch nicht abgeschlossen: Benutzer können sich erst wieder anmelden, wenn sie fertig ist. " +
		"Öffnen Sie im Browser " + url + " und sehen Sie nach, wo sie steht; die restlichen Schritte lassen sich dort zu Ende führen. " +
		"„Wiederholen“ setzt die Installation an der gemerkten Stelle fort – gestartet wird sie kein zweites Mal."
}

func (de) InstallLost() string {
	return "1CRM führt keine Installation mehr, und das Paket ist nicht als installiert eingetragen: Die Installation ist auf dem Server verloren gegangen " +
		"(etwa weil 1CRM neu gestartet oder aus einer Sicherung zurückgeholt wurde). Der Assistent wartet darauf nicht länger. " +
		"Sehen Sie in der Upgrade-Verwaltung im Browser nach: Ist das Paket dort hochgeladen und nicht installiert, beginnt „Wiederholen“ die Installation neu; sonst melden Sie es bitte als Problem."
}

func (de) BackupUnconfirmed(waited, url string) string {
	return "Die Verbindung ist während der Sicherung abgebrochen, und auch nach " + waited + " ist keine neue Sicherung in der Backup-Liste erschienen. " +
		"Vielleicht schreibt 1CRM sie noch. Sehen Sie im Browser unter " + url + " nach. " +
		"„Wiederholen“ sucht zuerst noch einmal nach ihr und startet erst dann eine neue Sicherung."
}
