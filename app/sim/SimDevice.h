// One simulated Jovision device: it gets a token, keeps its long TCP connection
// alive with heartbeats, pushes face events over HTTP and/or TCP and retries them
// until they are acknowledged, and answers library commands from FaceDesk like a
// real device would.
#pragma once

#include "SimConfig.h"
#include "SimLibrary.h"
#include "SimStats.h"

#include "net/PeerConnection.h"
#include "protocol/MessageCodec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>

namespace fd::face { class HaarFaceDetector; }

namespace fd::sim {

class FacePhotoSet;

class SimDevice : public QObject {
    Q_OBJECT
public:
    SimDevice(const SimConfig &config, int index, int deviceType, const FacePhotoSet &photos,
              const face::HaarFaceDetector &detector, SimStats &stats, QObject *parent = nullptr);

    QString uuid() const { return m_uuid; }
    QString mac() const { return m_mac; }
    int deviceType() const { return m_type; }
    bool hasToken() const { return !m_token.isEmpty(); }
    const SimLibrary &library() const { return m_library; }
    // Library commands this device received, by method (all of them for an empty method).
    qint64 commandsReceived(const QString &method = {}) const
    {
        if (!method.isEmpty())
            return m_commands.value(method);
        qint64 n = 0;
        for (qint64 c : m_commands)
            n += c;
        return n;
    }

    void start();
    // Generates one face event and sends it (or queues it until a channel is ready).
    void pushEvent();
    // Events generated but neither acknowledged nor finally rejected.
    int outstanding() const { return m_outstanding; }
    // Malformed probes sent and not answered yet: the summary counts their answers, so
    // the run waits for them as for events (the last probe often follows the last event).
    int probesAwaitingAnswer() const { return m_probesInFlight; }
    void stop();
    // Where acknowledged events are listed (see --ack-log); may be null.
    void setAckLog(QIODevice *log) { m_ackLog = log; }

signals:
    void tokenAcquired();
    void libraryChanged();

private:
    enum class Work { Token, Event, Heartbeat, SyncRequest, Malformed };
    struct Event {
        quint64 seq = 0;
        protocol::FacePush push;
        bool viaTcp = false;
        int attempts = 0;
    };
    struct InFlight {
        Work work;
        quint64 seq = 0;
        QElapsedTimer sentAt;
    };
    quint64 m_eventsSent = 0;  // for --fault disconnect:N
    struct Channel {
        net::PeerConnection *connection = nullptr;
        bool connected = false;
        QList<quint64> queue;        // event sequence numbers waiting to be sent
        QList<InFlight> inFlight;    // replies come back in this order
        int backoffMs = 200;
    };

    void requestToken();
    void connectChannel(Channel &channel, bool tcp);
    void onConnected(Channel &channel, bool tcp);
    void onDisconnected(Channel &channel, bool tcp);
    void onFrame(Channel &channel, bool tcp, const net::Frame &frame);
    void onReply(Channel &channel, bool tcp, const net::Frame &frame, const protocol::Decoded &decoded);
    void pump(Channel &channel, bool tcp);
    void sendWork(Channel &channel, bool tcp, Work work, const QByteArray &json, quint64 seq, QByteArrayView path);
    void sendHeartbeat();
    void finishEvent(quint64 seq, int code, double latencyMs);
    void requeue(quint64 seq);
    void handleCommand(const protocol::Decoded &decoded);
    QByteArray commandReply(const protocol::Decoded &decoded, bool *dropConnection);
    QByteArray encodeEvent(Event &event);
    protocol::FacePush makePush(bool viaTcp);

    const SimConfig &m_config;
    const FacePhotoSet &m_photos;
    SimStats &m_stats;
    int m_index;
    int m_type;
    QString m_uuid;
    QString m_mac;
    QString m_token;
    quint16 m_tcpPort;
    SimLibrary m_library;
    QRandomGenerator m_rng;
    Channel m_http;
    Channel m_tcp;
    QHash<quint64, Event> m_events;
    QHash<QString, int> m_visits;
    QHash<QString, qint64> m_commands;
    quint64 m_nextSeq = 1;
    int m_outstanding = 0;
    int m_probesInFlight = 0;
    int m_batchesDropped = 0;
    bool m_stopped = false;
    bool m_tokenPending = false;
    bool m_syncSent = false;
    QIODevice *m_ackLog = nullptr;
    QTimer m_heartbeat;
    QTimer m_tokenRetry;
};

} // namespace fd::sim
