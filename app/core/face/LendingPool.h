// Objects that must not be used by two threads at once (OpenCV cascades and DNN
// nets keep scratch state) and are too costly to make per call, lent to one thread
// at a time. A pool never holds more objects than threads have used it at once.
#pragma once

#include <QMutex>

#include <functional>
#include <memory>
#include <vector>

namespace fd::face {

template <typename T>
class LendingPool {
public:
    // make may return null (a model that failed to load); the lease then says so.
    using Factory = std::function<std::unique_ptr<T>()>;

    class Lease {
    public:
        Lease(const LendingPool *pool, std::unique_ptr<T> object) : m_pool(pool), m_object(std::move(object)) {}
        Lease(Lease &&) = default;
        Lease &operator=(Lease &&) = delete;
        ~Lease()
        {
            if (m_object)
                m_pool->giveBack(std::move(m_object));
        }
        explicit operator bool() const { return bool(m_object); }
        T &operator*() const { return *m_object; }
        T *operator->() const { return m_object.get(); }

    private:
        const LendingPool *m_pool;
        std::unique_ptr<T> m_object;
    };

    explicit LendingPool(Factory make) : m_make(std::move(make)) {}

    // An object made elsewhere (e.g. while checking that a model loads) joins the pool.
    void add(std::unique_ptr<T> object) const
    {
        if (object)
            giveBack(std::move(object));
    }

    Lease acquire() const
    {
        {
            QMutexLocker lock(&m_mutex);
            if (!m_idle.empty()) {
                std::unique_ptr<T> object = std::move(m_idle.back());
                m_idle.pop_back();
                return Lease(this, std::move(object));
            }
        }
        // Made outside the lock: loading a model takes milliseconds to seconds, and
        // other threads returning or taking objects need not wait for it.
        return Lease(this, m_make());
    }

private:
    void giveBack(std::unique_ptr<T> object) const
    {
        QMutexLocker lock(&m_mutex);
        m_idle.push_back(std::move(object));
    }

    Factory m_make;
    mutable QMutex m_mutex;
    mutable std::vector<std::unique_ptr<T>> m_idle;
};

} // namespace fd::face
