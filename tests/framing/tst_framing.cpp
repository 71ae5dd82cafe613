#include <QtTest>
class TestFraming : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestFraming)
#include "tst_framing.moc"
