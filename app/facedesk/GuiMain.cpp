// The window. Until the desk's main window lands, it says how to use the headless
// commands instead of pretending to be something it is not.
#include <QApplication>
#include <QMessageBox>

int runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QMessageBox::information(nullptr, QStringLiteral("FaceDesk"),
                             QStringLiteral("Run `facedesk serve` for the listener and archive."));
    return 0;
}
