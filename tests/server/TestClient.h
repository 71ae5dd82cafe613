// A device's side of a connection, for tests: send bytes, wait for the next frame.
#pragma once

#include "framing/HttpFraming.h"
#include "net/FrameReader.h"

#include <QSignalSpy>
#include <QTcpSocket>

#include <optional>

class TestClient {
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(5000);
    }

    QTcpSocket &socket() { return m_socket; }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // Waits (on readyRead, never a fixed sleep) for the next whole frame.
    std::optional<fd::net::Frame> next(int timeoutMs = 10000)
    {
        fd::net::Frame frame;
        for (;;) {
            const auto status = m_reader.next(&frame);
            if (status == fd::net::FrameReader::Status::Frame)
                return frame;
            if (status == fd::net::FrameReader::Status::Error)
                return std::nullopt;
            if (m_socket.bytesAvailable() == 0) {
                if (m_socket.state() != QAbstractSocket::ConnectedState)
                    return std::nullopt;
                QSignalSpy ready(&m_socket, &QTcpSocket::readyRead);
                QSignalSpy gone(&m_socket, &QTcpSocket::disconnected);
                if (!ready.wait(timeoutMs) && m_socket.bytesAvailable() == 0) {
                    if (gone.isEmpty())
                        return std::nullopt;
                    m_reader.markEof();
                }
            }
            m_reader.append(m_socket.readAll());
        }
    }

    std::optional<fd::net::Frame> post(const QByteArray &path, const QByteArray &json, bool keepAlive = true)
    {
        send(fd::framing::buildHttpRequest("POST", path, "127.0.0.1", json, keepAlive));
        return next();
    }

    std::optional<fd::net::Frame> sendJson(const QByteArray &json)
    {
        send(json);
        return next();
    }

    bool waitClosed(int timeoutMs = 10000)
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        QSignalSpy gone(&m_socket, &QTcpSocket::disconnected);
        return gone.wait(timeoutMs) || m_socket.state() == QAbstractSocket::UnconnectedState;
    }

private:
    QTcpSocket m_socket;
    fd::net::FrameReader m_reader{fd::net::FrameReader::Role::Client};
};
