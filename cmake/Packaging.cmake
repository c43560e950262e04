# Install rules and CPack settings for the two Debian packages
# (docs/install.md; decisions 112-116). scripts/package configures an optimised (dev preset)
# build with CMAKE_INSTALL_PREFIX=/usr and runs cpack in it:
#   component gateway -> warmline-gateway: the daemon, warmlinectl,
#     warmline-sim, /usr/share/warmline, /etc/warmline/gateway.conf, the
#     systemd units, the man pages, maintainer scripts with a debconf question
#   component desktop -> warmline: the desktop app, its .desktop file, icons
#     and AppStream metainfo
# Paths outside the prefix (/etc, /lib/systemd) are absolute: these rules are
# for a system install, which is what the packages are.

set(WARMLINE_PACKAGE_VERSION "" CACHE STRING
    "Version of the Debian packages (scripts/package --version); empty: the project's")
set(WARMLINE_PACKAGE_RELEASE "1" CACHE STRING "Debian revision of the packages")
set(WARMLINE_APP_ID "com.warmline.Warmline")

set(P ${PROJECT_SOURCE_DIR}/packaging)
set(PB ${PROJECT_BINARY_DIR}/packaging)
set(WARMLINE_SHARE "${CMAKE_INSTALL_FULL_DATADIR}/warmline")

# --- warmline-gateway -------------------------------------------------------

# The system's gateway.conf: the example (every key at its default) with the
# installed resources named, so that the file says where they are.
file(READ ${PROJECT_SOURCE_DIR}/resources/gateway.conf.example WARMLINE_CONF)
foreach(pair
    "content_file =|content_file = ${WARMLINE_SHARE}/line-content.json"
    "risk_rules =|risk_rules = ${WARMLINE_SHARE}/risk-rules.txt"
    "greeting_file =|greeting_file = ${WARMLINE_SHARE}/audio/greeting.wav"
    "hold_file =|hold_file = ${WARMLINE_SHARE}/audio/hold.wav")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  string(REPLACE "\n${from}\n" "\n${to}\n" WARMLINE_CONF "${WARMLINE_CONF}")
endforeach()
string(REPLACE "# warmline-gateway configuration.\n"
  "# warmline-gateway configuration, as installed by the warmline-gateway package.\n# Read by warmline-gateway.service; restart it after a change:\n#   systemctl restart warmline-gateway\n# Every key: man warmline-gateway, and docs/config.md in the source tree.\n"
  WARMLINE_CONF "${WARMLINE_CONF}")
file(CONFIGURE OUTPUT ${PB}/gateway.conf CONTENT "${WARMLINE_CONF}" @ONLY)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/resources/gateway.conf.example)

install(FILES ${PB}/gateway.conf DESTINATION /etc/warmline
        PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ COMPONENT gateway)
install(FILES ${P}/warmline-gateway.service ${P}/warmline-backup.service
              ${P}/warmline-backup.timer ${P}/warmline-directory-import.service
              ${P}/warmline-directory-import.timer
        DESTINATION /lib/systemd/system COMPONENT gateway)
# The synthetic resource directory sample, to try the finder and the
# scheduled re-import with (docs/resources.md).
install(DIRECTORY ${PROJECT_SOURCE_DIR}/resources/directory-sample
        DESTINATION ${CMAKE_INSTALL_DATADIR}/warmline COMPONENT gateway)

# Man pages, compressed as Debian policy asks (gzip -9n: no name or time).
set(WARMLINE_MAN_PAGES warmline-gateway.8 warmlinectl.1)
set(WARMLINE_MAN_OUTPUTS)
foreach(page IN LISTS WARMLINE_MAN_PAGES)
  string(REGEX REPLACE ".*\\.([0-9])$" "\\1" section ${page})
  add_custom_command(OUTPUT ${PB}/${page}.gz
    COMMAND gzip -9nc ${P}/man/${page} > ${PB}/${page}.gz
    DEPENDS ${P}/man/${page} VERBATIM)
  list(APPEND WARMLINE_MAN_OUTPUTS ${PB}/${page}.gz)
  install(FILES ${PB}/${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section}
          COMPONENT gateway)
endforeach()
add_custom_target(warmline_man ALL DEPENDS ${WARMLINE_MAN_OUTPUTS})

install(FILES ${P}/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/warmline-gateway COMPONENT gateway)
install(FILES ${PROJECT_SOURCE_DIR}/docs/install.md ${PROJECT_SOURCE_DIR}/docs/backup.md
              ${PROJECT_SOURCE_DIR}/docs/config.md ${PROJECT_SOURCE_DIR}/docs/webhooks.md
              ${PROJECT_SOURCE_DIR}/docs/sip.md ${PROJECT_SOURCE_DIR}/docs/warmlinectl.md
              ${PROJECT_SOURCE_DIR}/docs/resources.md ${PROJECT_SOURCE_DIR}/docs/plans.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/warmline-gateway COMPONENT gateway)

# A Debian changelog for each package: one entry for the version built.
if(WARMLINE_PACKAGE_VERSION)
  set(WARMLINE_DEB_VERSION "${WARMLINE_PACKAGE_VERSION}-${WARMLINE_PACKAGE_RELEASE}")
else()
  set(WARMLINE_DEB_VERSION "${PROJECT_VERSION}-${WARMLINE_PACKAGE_RELEASE}")
endif()
string(TIMESTAMP WARMLINE_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
file(WRITE ${PB}/changelog.Debian
  "warmline (${WARMLINE_DEB_VERSION}) bookworm; urgency=medium\n\n"
  "  * Built from the Warmline source tree by scripts/package.\n\n"
  " -- Warmline maintainers <maintainers@warmline.invalid>  ${WARMLINE_DEB_DATE}\n")
add_custom_command(OUTPUT ${PB}/changelog.Debian.gz
  COMMAND gzip -9nc ${PB}/changelog.Debian > ${PB}/changelog.Debian.gz
  DEPENDS ${PB}/changelog.Debian VERBATIM)
add_custom_target(warmline_changelog ALL DEPENDS ${PB}/changelog.Debian.gz)
install(FILES ${PB}/changelog.Debian.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/warmline-gateway COMPONENT gateway)
install(FILES ${PB}/changelog.Debian.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/warmline COMPONENT desktop)

# --- warmline (the desktop app) ---------------------------------------------

install(FILES ${P}/desktop/${WARMLINE_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT desktop)
install(FILES ${P}/desktop/${WARMLINE_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo COMPONENT desktop)
install(FILES ${P}/desktop/${WARMLINE_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT desktop)
install(FILES ${P}/debian/copyright
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/warmline COMPONENT desktop)

# PNG icons rendered from the SVG at build time (rsvg-convert, librsvg2-bin),
# only when the tool is there: scripts/package installs it, a developer's
# build does not need it.
find_program(RSVG_CONVERT rsvg-convert)
if(RSVG_CONVERT)
  set(WARMLINE_ICON_OUTPUTS)
  foreach(size 16 24 32 48 64 128 256)
    set(png ${PB}/icons/${size}x${size}/${WARMLINE_APP_ID}.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${PB}/icons/${size}x${size}
      COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} -o ${png}
              ${P}/desktop/${WARMLINE_APP_ID}.svg
      DEPENDS ${P}/desktop/${WARMLINE_APP_ID}.svg VERBATIM)
    list(APPEND WARMLINE_ICON_OUTPUTS ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            COMPONENT desktop)
  endforeach()
  add_custom_target(warmline_icons ALL DEPENDS ${WARMLINE_ICON_OUTPUTS})
endif()

# --- CPack: one .deb per component ------------------------------------------

set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL gateway desktop)
set(CPACK_PACKAGE_NAME warmline)
set(CPACK_PACKAGE_VENDOR "Warmline")
if(WARMLINE_PACKAGE_VERSION)
  set(CPACK_PACKAGE_VERSION "${WARMLINE_PACKAGE_VERSION}")
else()
  set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
endif()
set(CPACK_PACKAGE_CONTACT "Warmline maintainers <maintainers@warmline.invalid>")
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/debs)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE "${WARMLINE_PACKAGE_RELEASE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://warmline.invalid/")

set(CPACK_DEBIAN_GATEWAY_PACKAGE_NAME warmline-gateway)
# The risk rules and the language guess read the word lists of wamerican
# and wspanish (resources/risk-rules.txt); shlibdeps cannot see those. The
# unit's ExecReload sends SIGHUP with procps's /bin/kill; tzdata holds the
# line's time zone (line.timezone).
set(CPACK_DEBIAN_GATEWAY_PACKAGE_DEPENDS
    "adduser, debconf (>= 0.5) | debconf-2.0, wamerican, wspanish, procps, tzdata")
set(CPACK_COMPONENT_GATEWAY_DESCRIPTION
  "daemon of a peer-run mental-health warmline: calls, texts, queue\n\
One daemon per site: calls from a SIP trunk, texts from Twilio or Kannel,\n\
the queue, the SQLite store and the operator link the desktop app and\n\
warmlinectl use. Includes warmlinectl (administration from a shell),\n\
warmline-sim (synthetic texts for a demo) and a systemd unit.")
set(CPACK_DEBIAN_GATEWAY_PACKAGE_CONTROL_EXTRA
  ${P}/debian/gateway/conffiles ${P}/debian/gateway/templates ${P}/debian/gateway/config
  ${P}/debian/gateway/postinst ${P}/debian/gateway/prerm ${P}/debian/gateway/postrm)

set(CPACK_DEBIAN_DESKTOP_PACKAGE_NAME warmline)
# The local store opens SQLite through Qt's QSQLITE driver, a plugin that
# dpkg-shlibdeps cannot see.
set(CPACK_DEBIAN_DESKTOP_PACKAGE_DEPENDS "libqt6sql6-sqlite, hicolor-icon-theme")
set(CPACK_COMPONENT_DESKTOP_DESCRIPTION
  "desktop app of a warmline for operators, shift leads and supervisors\n\
The queue of calls and texts, the conversation, the crisis prompt and\n\
wrap-up for peer operators; the shift board for leads; review, reports\n\
and administration for supervisors. Connects to a warmline-gateway.")

include(CPack)
