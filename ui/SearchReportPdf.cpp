#include "SearchReportPdf.h"

#include "BoundedImage.h"
#include "SearchResultModel.h"

#include <QCoreApplication>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace fd::ui {

bool writeSearchReportPdf(const QString &path, const QString &title, const QString &subtitle,
                          const QList<search::EventHit> &hits, const QList<float> &similarity, QString *error)
{
    QPdfWriter pdf(path);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setResolution(150);
    pdf.setTitle(title);
    pdf.setCreator(QStringLiteral("FaceDesk"));
    QPainter p;
    if (!p.begin(&pdf)) {
        *error = QCoreApplication::translate("fd::ui::SearchPanel", "Cannot write %1").arg(path);
        return false;
    }
    const int width = pdf.width();
    const int height = pdf.height();
    const int rowHeight = 90;
    const int thumb = 80;
    const QStringList columns = {QCoreApplication::translate("fd::ui::SearchResultModel", "Time"),
                                 QCoreApplication::translate("fd::ui::SearchResultModel", "Device"),
                                 QCoreApplication::translate("fd::ui::SearchResultModel", "Person"),
                                 QCoreApplication::translate("fd::ui::SearchResultModel", "List"),
                                 QCoreApplication::translate("fd::ui::SearchResultModel", "Score")};
    const int textLeft = thumb + 20;
    const int colWidth = (width - textLeft) / int(columns.size());
    int y = 0;
    const auto header = [&] {
        QFont f = p.font();
        f.setPointSize(14);
        f.setBold(true);
        p.setFont(f);
        p.drawText(QRect(0, 0, width, 40), Qt::AlignLeft | Qt::AlignVCenter, title);
        f.setPointSize(9);
        f.setBold(false);
        p.setFont(f);
        p.drawText(QRect(0, 40, width, 30), Qt::AlignLeft | Qt::AlignVCenter,
                   subtitle + QStringLiteral(" · ") + QDateTime::currentDateTime().toString(Qt::ISODate));
        f.setBold(true);
        p.setFont(f);
        for (qsizetype c = 0; c < columns.size(); ++c)
            p.drawText(QRect(textLeft + int(c) * colWidth, 80, colWidth - 8, 30), Qt::AlignLeft | Qt::AlignVCenter, columns[c]);
        f.setBold(false);
        p.setFont(f);
        y = 115;
    };
    header();
    for (qsizetype i = 0; i < hits.size(); ++i) {
        if (y + rowHeight > height) {
            pdf.newPage();
            header();
        }
        const search::EventHit &h = hits[i];
        const QImage face = readBoundedImageFile(h.facePath, QSize(thumb, thumb));
        if (!face.isNull())
            p.drawImage(QPoint(0, y + (rowHeight - face.height()) / 2), face);
        const float s = i < similarity.size() ? similarity[i] : -2.f;
        const QStringList cells = {h.captureTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                   h.deviceName.isEmpty() ? h.deviceUuid : h.deviceName,
                                   h.personName.isEmpty() ? SearchResultModel::tr("Stranger") : h.personName,
                                   SearchResultModel::listText(h.picSort),
                                   s > -2.f ? QString::number(double(s), 'f', 3)
                                            : (h.matchScore >= 0 ? QStringLiteral("%1%").arg(qRound(h.matchScore)) : QString())};
        for (qsizetype c = 0; c < cells.size(); ++c)
            p.drawText(QRect(textLeft + int(c) * colWidth, y, colWidth - 8, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                       cells[c]);
        p.setPen(QColor(0xDD, 0xDD, 0xDD));
        p.drawLine(0, y + rowHeight - 2, width, y + rowHeight - 2);
        p.setPen(Qt::black);
        y += rowHeight;
    }
    p.end();
    return QFile(path).size() > 0 || (*error = QStringLiteral("empty PDF"), false);
}

} // namespace fd::ui
