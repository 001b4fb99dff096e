"""The researcher's field app: the offline interview page, its service worker, "Moje wizyty"
and the manager's upload of backup files from phones that cannot sync."""
