# liaisond — common tasks. `make help` lists them.
PREFIX ?= /usr/local
SWIFT ?= swift

.PHONY: help build release test demo install uninstall bench faults fuzz clean

help:
	@echo "make build | release | test | demo | install | bench | faults | fuzz | sanitize | clean"

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release

test:
	scripts/test

demo:
	scripts/demo

# Installs the binary, the unit and an example config; creates the system user liaisond.
install: release
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/liaisond" $(DESTDIR)$(PREFIX)/bin/liaisond
	install -D -m 0644 systemd/liaisond.service $(DESTDIR)/etc/systemd/system/liaisond.service
	sed -i "s|/usr/local/bin/liaisond|$(PREFIX)/bin/liaisond|" $(DESTDIR)/etc/systemd/system/liaisond.service
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/doc/liaisond/README.md
	getent group liaisond >/dev/null || groupadd --system liaisond
	getent passwd liaisond >/dev/null || useradd --system --gid liaisond --home-dir /var/lib/liaisond --shell /usr/sbin/nologin liaisond
	install -d -m 0750 -g liaisond $(DESTDIR)/etc/liaisond
	[ -e $(DESTDIR)/etc/liaisond/liaisond.conf ] || install -m 0640 -g liaisond config/liaisond.conf $(DESTDIR)/etc/liaisond/liaisond.conf
	[ -e $(DESTDIR)/etc/liaisond/members.csv ] || install -m 0640 -g liaisond config/members.csv $(DESTDIR)/etc/liaisond/members.csv
	[ -e $(DESTDIR)/etc/liaisond/people.csv ] || install -m 0640 -g liaisond config/people.csv $(DESTDIR)/etc/liaisond/people.csv
	[ -e $(DESTDIR)/etc/liaisond/smtp.password ] || install -m 0600 /dev/null $(DESTDIR)/etc/liaisond/smtp.password
	[ -e $(DESTDIR)/etc/liaisond/imap.password ] || install -m 0600 /dev/null $(DESTDIR)/etc/liaisond/imap.password
	install -d -m 0770 -o liaisond -g liaisond $(DESTDIR)/var/lib/liaisond
	-systemctl daemon-reload
	@echo "edit /etc/liaisond/liaisond.conf, then: liaisond check --config /etc/liaisond/liaisond.conf && systemctl enable --now liaisond"

uninstall:
	-systemctl disable --now liaisond
	rm -f $(DESTDIR)$(PREFIX)/bin/liaisond $(DESTDIR)/etc/systemd/system/liaisond.service

bench:
	scripts/bench

faults:
	scripts/faults

fuzz:
	scripts/fuzz

clean:
	rm -rf .build

# The test suite under AddressSanitizer and ThreadSanitizer (own build folders .build/asan, .build/tsan).
.PHONY: sanitize
sanitize:
	scripts/sanitize
