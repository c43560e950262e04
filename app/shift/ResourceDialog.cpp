#include "app/shift/ResourceDialog.h"

#include "app/link/LinkConnection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace warmline::app {

namespace {

QString joined(const QJsonArray& a, const QString& sep)
{
    QStringList parts;
    for (const auto& v : a) {
        parts << v.toString();
    }
    return parts.join(sep);
}

/// One result as the list shows it: what it is, then how to reach it.
QString resultText(const QJsonObject& r)
{
    QString first = r.value(u"name").toString();
    if (const QString org = r.value(u"organization").toString(); !org.isEmpty()) {
        first += QStringLiteral(" — ") + org;
    }
    QStringList second;
    if (r.contains(u"distanceKm")) {
        second << ResourceDialog::tr("%1 km").arg(r.value(u"distanceKm").toDouble(), 0, 'f', 1);
    }
    if (const QString phone = r.value(u"phone").toString(); !phone.isEmpty()) {
        second << phone;
    }
    if (const QString hours = joined(r.value(u"hours").toArray(), QStringLiteral("; "));
        !hours.isEmpty()) {
        second << hours;
    }
    if (r.value(u"free").toBool()) {
        second << ResourceDialog::tr("free");
    }
    if (r.value(u"peerRun").toBool()) {
        second << ResourceDialog::tr("peer-run");
    }
    if (r.value(u"outOfDate").toBool()) {
        second << ResourceDialog::tr("not checked for over a year");
    }
    if (r.value(u"unverified").toBool()) {
        second << ResourceDialog::tr("marked unverified by the line");
    }
    return first + QLatin1Char('\n') + second.join(QStringLiteral(" · "));
}

} // namespace

ResourceDialog::ResourceDialog(LinkConnection& link, QWidget* parent)
    : QDialog(parent), m_link(link)
{
    setWindowTitle(tr("Find a resource"));
    setAccessibleName(tr("Find a resource"));
    auto* layout = new QVBoxLayout(this);

    auto* form = new QFormLayout;
    m_words = new QLineEdit(this);
    m_words->setPlaceholderText(tr("What is needed: food, shelter, grupo de apoyo…"));
    m_words->setAccessibleName(tr("Search words"));
    form->addRow(tr("&Search"), m_words);
    m_near = new QLineEdit(this);
    m_near->setPlaceholderText(tr("Zip code or town (optional)"));
    m_near->setAccessibleName(tr("Near"));
    form->addRow(tr("&Near"), m_near);
    layout->addLayout(form);

    auto* filters = new QHBoxLayout;
    m_language = new QComboBox(this);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("Any language"), QString());
    m_language->addItem(tr("English"), QStringLiteral("en"));
    m_language->addItem(tr("Spanish"), QStringLiteral("es"));
    filters->addWidget(m_language);
    m_openNow = new QCheckBox(tr("&Open now"), this);
    m_free = new QCheckBox(tr("&Free"), this);
    m_peerRun = new QCheckBox(tr("&Peer-run"), this);
    for (auto* box : {m_openNow, m_free, m_peerRun}) {
        box->setAccessibleName(box->text().remove(QLatin1Char('&')));
        filters->addWidget(box);
    }
    filters->addStretch();
    layout->addLayout(filters);

    m_status = new QLabel(this);
    m_status->setAccessibleName(tr("Search status"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    m_results = new QListWidget(this);
    m_results->setAccessibleName(tr("Resources found"));
    m_results->setWordWrap(true);
    m_results->setAlternatingRowColors(true);
    layout->addWidget(m_results, 2);

    m_detail = new QLabel(this);
    m_detail->setAccessibleName(tr("Resource details"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_detail);
    scroll->setWidgetResizable(true);
    scroll->setAccessibleName(tr("Resource details"));
    layout->addWidget(scroll, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_share = buttons->addButton(tr("&Send to texter"), QDialogButtonBox::ActionRole);
    m_share->setEnabled(false);
    buttons->button(QDialogButtonBox::Close)->setAccessibleName(tr("Close"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::hide);
    connect(m_share, &QPushButton::clicked, this, &ResourceDialog::share);
    updateShareButton();

    // As the operator types: one search a moment after the last key.
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &ResourceDialog::search);
    connect(m_words, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_near, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_language, &QComboBox::currentIndexChanged, this, &ResourceDialog::search);
    for (auto* box : {m_openNow, m_free, m_peerRun}) {
        connect(box, &QCheckBox::toggled, this, &ResourceDialog::search);
    }
    connect(m_results, &QListWidget::currentRowChanged, this, &ResourceDialog::showSelected);
    resize(560, 620);
}

void ResourceDialog::search()
{
    QJsonObject params;
    if (const QString words = m_words->text().trimmed(); !words.isEmpty()) {
        params.insert(u"words", words);
    }
    if (const QString near = m_near->text().trimmed(); !near.isEmpty()) {
        params.insert(u"near", near);
    }
    if (const QString language = m_language->currentData().toString(); !language.isEmpty()) {
        params.insert(u"language", language);
    }
    if (m_openNow->isChecked()) {
        params.insert(u"openNow", true);
    }
    if (m_free->isChecked()) {
        params.insert(u"free", true);
    }
    if (m_peerRun->isChecked()) {
        params.insert(u"peerRun", true);
    }
    const int seq = ++m_searchSeq;
    m_status->setText(tr("Searching…"));
    m_link.request(QStringLiteral("resources.search"), params, [this, seq](const LinkReply& r) {
        if (seq != m_searchSeq) {
            return; // a newer search is on its way
        }
        m_results->clear();
        m_shown = {};
        m_detail->clear();
        updateShareButton();
        if (!r.ok) {
            m_status->setText(r.message);
            return;
        }
        const QJsonArray results = r.data.value(u"results").toArray();
        for (const auto& v : results) {
            const QJsonObject o = v.toObject();
            auto* item = new QListWidgetItem(resultText(o), m_results);
            item->setData(Qt::UserRole, o.value(u"id").toString());
        }
        m_status->setText(results.isEmpty() ? tr("Nothing found. Try fewer or other words.")
                                            : tr("%n found", nullptr, int(results.size())));
    });
}

void ResourceDialog::showSelected()
{
    auto* item = m_results->currentItem();
    m_shown = {};
    updateShareButton();
    if (item == nullptr) {
        m_detail->clear();
        return;
    }
    const int seq = ++m_showSeq;
    const QString id = item->data(Qt::UserRole).toString();
    m_link.request(
        QStringLiteral("resources.show"), {{QStringLiteral("resourceId"), id}},
        [this, seq](const LinkReply& r) {
            if (seq != m_showSeq) {
                return;
            }
            if (!r.ok) {
                m_detail->setText(r.message);
                return;
            }
            m_shown = r.data.value(u"resource").toObject();
            const auto& s = m_shown;
            QStringList lines;
            auto add = [&](const QString& label, const QString& value) {
                if (!value.isEmpty()) {
                    lines << QStringLiteral("<b>%1</b> %2")
                                 .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
                }
            };
            lines << QStringLiteral("<b>%1</b>").arg(s.value(u"name").toString().toHtmlEscaped());
            add(tr("By:"), s.value(u"organization").toString());
            add({}, s.value(u"description").toString());
            QStringList phones;
            for (const auto& p : s.value(u"phones").toArray()) {
                phones << p.toObject().value(u"number").toString();
            }
            add(tr("Phone:"), phones.join(QStringLiteral(", ")));
            add(tr("Where:"), s.value(u"address").toString());
            add(tr("Hours:"), joined(s.value(u"hours").toArray(), QStringLiteral("; ")));
            add(tr("Cost:"), s.value(u"fees").toString());
            add(tr("Who for:"), s.value(u"eligibility").toString());
            add(tr("How to apply:"), s.value(u"applicationProcess").toString());
            add(tr("Languages:"), joined(s.value(u"languages").toArray(), QStringLiteral(", ")));
            add(tr("Web:"), s.value(u"url").toString());
            QString verified = s.value(u"assuredDate").toString();
            if (s.value(u"outOfDate").toBool()) {
                verified += QLatin1Char(' ') + tr("(not checked for over a year: "
                                                  "check before referring)");
            }
            add(tr("Last checked:"), verified);
            if (s.value(u"unverified").toBool()) {
                add(tr("Unverified:"), s.value(u"unverifiedNote").toString().isEmpty()
                                           ? tr("marked by the line; check before referring")
                                           : s.value(u"unverifiedNote").toString());
            }
            if (const QString words = s.value(u"shareText").toString(); !words.isEmpty()) {
                lines << QStringLiteral("<br><b>%1</b><br>%2")
                             .arg(tr("What sharing gives:").toHtmlEscaped(),
                                  words.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));
            }
            m_detail->setText(lines.join(QStringLiteral("<br>")));
            updateShareButton();
        });
}

void ResourceDialog::setContact(qint64 contactId, bool isText)
{
    m_contactId = contactId;
    m_contactIsText = isText;
    updateShareButton();
}

void ResourceDialog::updateShareButton()
{
    const QString label = m_contactIsText ? tr("&Send to texter") : tr("&Record as read out");
    m_share->setText(label);
    m_share->setAccessibleName(QString(label).remove(QLatin1Char('&')));
    if (m_contactId == 0) {
        m_share->setToolTip(tr("Open a contact you hold to share a resource in it"));
    } else if (m_contactIsText) {
        m_share->setToolTip(tr("Text this resource to the person and record it as a referral"));
    } else {
        m_share->setToolTip(
            tr("Read the text below to the caller, then record it as a referral given"));
    }
    m_share->setEnabled(m_contactId != 0 && !m_shown.isEmpty() && !m_sharing);
}

void ResourceDialog::share()
{
    if (m_contactId == 0 || m_shown.isEmpty() || m_sharing) {
        return;
    }
    m_sharing = true;
    updateShareButton();
    const qint64 contactId = m_contactId;
    const QString name = m_shown.value(u"name").toString();
    m_status->setText(tr("Sharing…"));
    m_link.request(QStringLiteral("resources.share"),
                   {{QStringLiteral("contactId"), contactId},
                    {QStringLiteral("resourceId"), m_shown.value(u"id").toString()}},
                   [this, contactId, name](const LinkReply& r) {
                       m_sharing = false;
                       updateShareButton();
                       if (!r.ok) {
                           m_status->setText(r.message);
                           return;
                       }
                       const bool sent = r.data.value(u"referral").toObject().value(u"how") ==
                                         QLatin1String("text");
                       m_status->setText(sent ? tr("Sent to the texter and recorded: %1").arg(name)
                                              : tr("Recorded as read out: %1").arg(name));
                       emit shared(contactId, name);
                   });
}

} // namespace warmline::app
