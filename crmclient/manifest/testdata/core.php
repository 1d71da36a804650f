<?php ?>
acceptable_sugar_versions
	regex_matches
		- 8\.7\.[0-6]
name: 1CRM 8.7.7 Update
description: Updates 1CRM 8.7.0-8.7.6 to 8.7.7
author: 1CRM Corp.
published_date: 2024-05-02
version: 8.7.7
type: patch
is_uninstallable: false
id: InfoAtHand
copy
	--
		from: root
		to: ""
