package sim

import (
	"archive/zip"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// backupSnapshot is the instance state a backup archive captures, copied
// under mu when the backup writes its file (spec §4 "Result").
type backupSnapshot struct {
	stamp      string // YYYYMMDD_HHMMSS of the archive name
	at         time.Time
	version    string
	installed  []installedPkg
	users      []UserSpec
	accounts   []map[string]any // read-only after New
	dump       bool             // dump enabled and mysqldump available
	filter     string           // none | minimal | maximal | complete
	installDir string
	padTo      int64 // pad the archive to about this size (0: no padding)
}

// writeBackupArchive writes backup_<stamp>.zip: iahdb_<stamp>.sql when the
// dump is on, then the application files the files filter selects (§4).
// The files are a few small representative ones, not a real 1CRM tree.
func writeBackupArchive(w io.Writer, snap backupSnapshot) error {
	cw := &countingWriter{w: w}
	zw := zip.NewWriter(cw)
	add := func(name, body string) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: snap.at})
		if err != nil {
			return err
		}
		_, err = io.WriteString(f, body)
		return err
	}
	if snap.dump {
		if err := add("iahdb_"+snap.stamp+".sql", mysqldump(snap)); err != nil {
			return err
		}
	}
	files := backupFiles(snap)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := add(n, files[n]); err != nil {
			return err
		}
	}
	if err := padArchive(zw, cw, snap); err != nil {
		return err
	}
	return zw.Close()
}

// padArchive adds a stored filler entry so the archive reaches the
// scenario's BackupSpec.SizeBytes (a demo that wants "152.3 MB" in the
// history gets a file of that size on disk, not just a label).
func padArchive(zw *zip.Writer, cw *countingWriter, snap backupSnapshot) error {
	const overhead = 1024 // headers of the filler entry + central directory
	if snap.padTo <= 0 {
		return nil
	}
	if err := zw.Flush(); err != nil {
		return err
	}
	n := snap.padTo - cw.n - overhead
	if n <= 0 {
		return nil
	}
	f, err := zw.CreateHeader(&zip.FileHeader{Name: "sim_padding.bin", Method: zip.Store, Modified: snap.at})
	if err != nil {
		return err
	}
	zero := make([]byte, 64<<10)
	for n > 0 {
		k := min(n, int64(len(zero)))
		if _, err := f.Write(zero[:k]); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// backupFiles returns path → content of the application files the filter
// selects: minimal = config, custom/, modules/; maximal adds the rest of the
// application except cache and attachments; complete adds those too.
func backupFiles(snap backupSnapshot) map[string]string {
	out := map[string]string{}
	if snap.filter == "none" {
		return out
	}
	out["config.php"] = configPHP(snap)
	out["config_override.php"] = "<?php\n$sugar_config['default_language'] = 'de_de';\n$sugar_config['default_currency_iso4217'] = 'EUR';\n"
	out["custom/modules/Accounts/Ext/Vardefs/vardefs.ext.php"] = "<?php\n// custom field added in Studio\n$dictionary['Account']['fields']['customer_no_c'] = array('name' => 'customer_no_c', 'type' => 'varchar', 'len' => 20);\n"
	out["custom/include/language/de_de.lang.php"] = "<?php\n$app_list_strings['account_type_dom']['Customer'] = 'Kunde';\n"
	out["modules/Accounts/Account.php"] = "<?php\nclass Account extends SugarBean {\n\tvar $module_dir = 'Accounts';\n\tvar $object_name = 'Account';\n\tvar $table_name = 'accounts';\n}\n"
	out["modules/Quotes/Quote.php"] = "<?php\nclass Quote extends SugarBean {\n\tvar $module_dir = 'Quotes';\n\tvar $table_name = 'quotes';\n}\n"
	for _, p := range snap.installed {
		if p.spec.Type == "module" {
			out["modules/"+p.spec.ID+"/vardefs.php"] = fmt.Sprintf("<?php\n// %s %s (%s)\n$dictionary['%s'] = array('table' => '%s', 'fields' => array());\n",
				p.spec.Name, p.spec.Version, p.spec.Author, p.spec.ID, strings.ToLower(p.spec.ID))
		}
	}
	if snap.filter == "minimal" {
		return out
	}
	out["index.php"] = "<?php\nrequire_once 'include/entryPoint.php';\n$app->execute();\n"
	out["api.php"] = "<?php\nrequire_once 'include/entryPoint.php';\nrequire_once 'include/api/Router.php';\n"
	out["upgrade.php"] = "<?php\nrequire_once 'include/entryPoint.php';\nrequire_once 'modules/UWizard/UpgradeRunner.php';\n"
	out["sugar_version.php"] = fmt.Sprintf("<?php\n$sugar_version = '%s';\n$sugar_db_version = '%s';\n", snap.version, snap.version)
	out["include/entryPoint.php"] = "<?php\nif (!defined('sugarEntry')) define('sugarEntry', true);\nrequire_once 'config.php';\n"
	out["themes/Claro/style.css"] = "body { font-family: 'Open Sans', sans-serif; font-size: 13px; }\n.moduleTitle h2 { font-weight: 600; }\n"
	if snap.filter == "maximal" {
		return out
	}
	out["cache/modules/Accounts/Accountvardefs.php"] = "<?php\n$GLOBALS['dictionary']['Account'] = array('table' => 'accounts');\n"
	out["files/upload/"+recordID("Note", 1)] = "Signed framework agreement (scan)\n"
	return out
}

func configPHP(snap backupSnapshot) string {
	return fmt.Sprintf(`<?php
$sugar_config = array(
	'dbconfig' => array(
		'db_host_name' => 'localhost',
		'db_user_name' => 'onecrm',
		'db_name' => 'onecrm',
		'db_type' => 'mysql',
	),
	'site_url' => 'https://crm.example.com',
	'sugar_version' => '%s',
	'unique_key' => '%s',
	'upload_dir' => 'files/upload/',
	'cache_dir' => 'cache/',
	'install_dir' => '%s',
);
`, snap.version, recordID("unique_key", 0)[:32], snap.installDir)
}

// mysqldump is a small but plausible dump of the tables the wizard cares
// about: config (the system version), upgrade_history, users, accounts.
func mysqldump(snap backupSnapshot) string {
	var b strings.Builder
	b.WriteString("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: onecrm\n")
	b.WriteString("-- ------------------------------------------------------\n-- Server version\t8.0.36\n\n")
	for _, l := range []string{
		"/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;",
		"/*!50503 SET NAMES utf8mb4 */;",
		"/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;",
		"/*!40103 SET TIME_ZONE='+00:00' */;",
		"/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;",
		"/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;",
	} {
		b.WriteString(l + "\n")
	}
	table := func(name, columns string, rows [][]string) {
		fmt.Fprintf(&b, "\n--\n-- Table structure for table `%s`\n--\n\nDROP TABLE IF EXISTS `%s`;\n", name, name)
		fmt.Fprintf(&b, "CREATE TABLE `%s` (\n%s\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n", name, columns)
		fmt.Fprintf(&b, "\n--\n-- Dumping data for table `%s`\n--\n\nLOCK TABLES `%s` WRITE;\n", name, name)
		if len(rows) > 0 {
			fmt.Fprintf(&b, "INSERT INTO `%s` VALUES ", name)
			for i, r := range rows {
				if i > 0 {
					b.WriteString(",")
				}
				quoted := make([]string, len(r))
				for j, v := range r {
					quoted[j] = sqlQuote(v)
				}
				b.WriteString("(" + strings.Join(quoted, ",") + ")")
			}
			b.WriteString(";\n")
		}
		b.WriteString("UNLOCK TABLES;\n")
	}
	table("config", "  `category` varchar(32) DEFAULT NULL,\n  `name` varchar(32) DEFAULT NULL,\n  `value` text",
		[][]string{{"info", "sugar_version", snap.version}, {"site", "upgrade_in_progress", "0"}})
	var hist [][]string
	for i, p := range snap.installed {
		hist = append(hist, []string{recordID("upgrade_history", i), "cache/upgrades/" + p.spec.Type + "/" + p.spec.FileName,
			recordID("md5", i)[:32], p.spec.Type, "installed", p.spec.Version, p.spec.Name, p.spec.Description, p.spec.ID, "", p.date + " 00:00:00"})
	}
	table("upgrade_history", "  `id` char(36) NOT NULL,\n  `filename` varchar(255) DEFAULT NULL,\n  `md5sum` varchar(32) DEFAULT NULL,\n  `type` varchar(30) DEFAULT NULL,\n  `status` varchar(50) DEFAULT NULL,\n  `version` varchar(64) DEFAULT NULL,\n  `name` varchar(255) DEFAULT NULL,\n  `description` text,\n  `id_name` varchar(255) DEFAULT NULL,\n  `manifest` longtext,\n  `date_entered` datetime DEFAULT NULL,\n  PRIMARY KEY (`id`)", hist)
	var users [][]string
	for _, u := range snap.users {
		admin := "0"
		if u.Admin {
			admin = "1"
		}
		users = append(users, []string{u.ID, u.UserName, u.FirstName, u.LastName, admin})
	}
	table("users", "  `id` char(36) NOT NULL,\n  `user_name` varchar(60) DEFAULT NULL,\n  `first_name` varchar(30) DEFAULT NULL,\n  `last_name` varchar(30) DEFAULT NULL,\n  `is_admin` tinyint(1) DEFAULT '0',\n  PRIMARY KEY (`id`)", users)
	var accounts [][]string
	for _, a := range snap.accounts {
		accounts = append(accounts, []string{fmt.Sprint(a["id"]), fmt.Sprint(a["name"]), fmt.Sprint(a["account_type"]),
			fmt.Sprint(a["billing_address_city"]), fmt.Sprint(a["date_modified"])})
	}
	table("accounts", "  `id` char(36) NOT NULL,\n  `name` varchar(150) DEFAULT NULL,\n  `account_type` varchar(50) DEFAULT NULL,\n  `billing_address_city` varchar(100) DEFAULT NULL,\n  `date_modified` datetime DEFAULT NULL,\n  PRIMARY KEY (`id`)", accounts)
	b.WriteString("\n/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;\n/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;\n")
	b.WriteString("/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;\n/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;\n\n")
	fmt.Fprintf(&b, "-- Dump completed on %s\n", snap.at.Format("2006-01-02 15:04:05"))
	return b.String()
}

// sqlQuote quotes a value the way mysqldump does.
func sqlQuote(v string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "\r", `\r`, "\x00", `\0`)
	return "'" + r.Replace(v) + "'"
}
