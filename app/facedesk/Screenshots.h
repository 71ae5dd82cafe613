// The documentation's screenshots, rendered from a running demo (offscreen works):
// the window and each panel or dialog the README shows. docs/screenshots/make-screenshots.sh.
#pragma once

#include <QMap>
#include <QString>

namespace fd::ui { class MainWindow; }

namespace fd::app {

// The command-line names of the screenshots beside "--screenshot" ("detail",
// "devices", ...) with their descriptions.
QList<QPair<QString, QString>> screenshotKinds();
// Saves each requested kind (kind -> PNG file) and the window itself to windowFile.
void takeScreenshots(ui::MainWindow &window, const QString &windowFile, const QMap<QString, QString> &files,
                     const QString &facesDir);

} // namespace fd::app
