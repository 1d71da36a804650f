<?php ?>
acceptable_sugar_versions
	exact_matches
		- 8.7.6
		- 8.7.7
name: Dutch Language Pack
description: Dutch translation
author: Example Translations
published_date: 2024-06-01
version: 2.0.1
type: langpack
is_uninstallable: true
id: DutchLanguagePack
copy
	--
		from: modules
		to: modules
	--
		from: include
		to: include
