package discordtest

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// A private thread (type 12) is seen only by its members, by whoever may
// manage threads in its parent, and by administrators: being able to see
// the parent is not enough. Members join when the bot adds them
// (PUT /channels/{id}/thread-members/{user_id}); the bot that starts a
// thread is its first member.

// channelTypePrivateThread is Discord's GUILD_PRIVATE_THREAD.
const channelTypePrivateThread = 12

// ThreadMember is a user's membership of a thread.
type ThreadMember struct {
	UserID string
	Joined time.Time
}

// threadMember finds userID among the thread's members.
func (ch *Channel) threadMember(userID string) (ThreadMember, bool) {
	i := slices.IndexFunc(ch.ThreadMembers, func(m ThreadMember) bool { return m.UserID == userID })
	if i < 0 {
		return ThreadMember{}, false
	}
	return ch.ThreadMembers[i], true
}

// seesPrivateThread says whether a user whose permissions in the parent
// are perms may see the private thread ch.
func (ch *Channel) seesPrivateThread(userID string, perms int64) bool {
	if perms&(PermManageThreads|PermAdministrator) != 0 || ch.OwnerID == userID {
		return true
	}
	_, ok := ch.threadMember(userID)
	return ok
}

// ThreadMembers lists the IDs of a thread's members, in the order they joined.
func (d *Double) ThreadMembers(threadID string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	ch, ok := d.world.channel(threadID)
	if !ok {
		return nil
	}
	var ids []string
	for _, m := range ch.ThreadMembers {
		ids = append(ids, m.UserID)
	}
	return ids
}

// threadOr400 finds the route's thread, which the bot must be able to
// see; a channel that is not a thread is a bot bug.
func (d *Double) threadOr400(c *call) (*Channel, *reply) {
	ch, bad := d.channelOr404(c)
	if bad != nil {
		return nil, bad
	}
	if !isThread(ch.Type) {
		d.violate(c.req.Method, c.req.Path, "channel %s is not a thread (type %d)", ch.ID, ch.Type)
		r := apiError(http.StatusBadRequest, 50024, "Cannot execute action on this channel type")
		return nil, &r
	}
	if bad := d.botMayUse(c, ch); bad != nil {
		return nil, bad
	}
	return ch, nil
}

// addThreadMember adds a guild member to a thread. As on Discord, adding
// someone already there changes nothing, someone who left the guild is an
// Unknown Member (a fact of life, not a bug), and an archived thread takes
// no one.
func (d *Double) addThreadMember(c *call) reply {
	ch, bad := d.threadOr400(c)
	if bad != nil {
		return *bad
	}
	userID := c.vars["user_id"]
	if _, ok := d.world.member(userID); !ok {
		return apiError(http.StatusNotFound, 10007, "Unknown Member")
	}
	if ch.Archived {
		return apiError(http.StatusBadRequest, 50083, "Thread is archived")
	}
	if _, ok := ch.threadMember(userID); !ok {
		ch.ThreadMembers = append(ch.ThreadMembers, ThreadMember{UserID: userID, Joined: d.now()})
	}
	return reply{status: http.StatusNoContent}
}

func (d *Double) removeThreadMember(c *call) reply {
	ch, bad := d.threadOr400(c)
	if bad != nil {
		return *bad
	}
	ch.ThreadMembers = slices.DeleteFunc(ch.ThreadMembers, func(m ThreadMember) bool { return m.UserID == c.vars["user_id"] })
	return reply{status: http.StatusNoContent}
}

func (d *Double) getThreadMember(c *call) reply {
	ch, bad := d.threadOr400(c)
	if bad != nil {
		return *bad
	}
	m, ok := ch.threadMember(c.vars["user_id"])
	if !ok {
		return apiError(http.StatusNotFound, 10007, "Unknown Member")
	}
	return reply{status: http.StatusOK, body: d.threadMemberWith(c, ch.ID, m)}
}

// listThreadMembers pages the members by user ID, as Discord does.
func (d *Double) listThreadMembers(c *call) reply {
	ch, bad := d.threadOr400(c)
	if bad != nil {
		return *bad
	}
	limit := 100
	if l, err := strconv.Atoi(c.req.Query.Get("limit")); err == nil && l > 0 {
		limit = l
	}
	after := c.req.Query.Get("after")
	members := slices.Clone(ch.ThreadMembers)
	slices.SortFunc(members, func(a, b ThreadMember) int { return compareSnowflakes(a.UserID, b.UserID) })
	out := []any{}
	for _, m := range members {
		if len(out) == limit {
			break
		}
		if after == "" || compareSnowflakes(m.UserID, after) > 0 {
			out = append(out, d.threadMemberWith(c, ch.ID, m))
		}
	}
	return reply{status: http.StatusOK, body: out}
}

// threadMemberWith is a thread member's document, with its guild member
// when the query asks with_member=true.
func (d *Double) threadMemberWith(c *call, threadID string, m ThreadMember) map[string]any {
	doc := threadMemberDoc(threadID, m)
	if c.req.Query.Get("with_member") == "true" {
		if gm, ok := d.world.member(m.UserID); ok {
			doc["member"] = d.memberDoc(gm)
		}
	}
	return doc
}

func threadMemberDoc(threadID string, m ThreadMember) map[string]any {
	return map[string]any{"id": threadID, "user_id": m.UserID, "join_timestamp": timestamp(m.Joined), "flags": 0}
}

// compareSnowflakes orders IDs as numbers: a longer snowflake is later.
func compareSnowflakes(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
