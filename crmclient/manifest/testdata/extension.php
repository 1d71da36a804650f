<?php ?>
# Call sheets for the sales team
acceptable_sugar_versions
	regex_matches
		- 8\.6\.[0-9]+
		- 8\.7\.[0-9]+
name: Call Sheets
description: Printable call sheets per account
author: Example Software GmbH
published_date: 2024-02-12
version: 1.4.2
type: module
is_uninstallable: true
id: exCallSheets
copy
	--
		from: root
		to: "/"
