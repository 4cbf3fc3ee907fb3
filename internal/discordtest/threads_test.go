package discordtest

import (
	"errors"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPrivateThreadSeenByItsMembersOnly: seeing the parent is not enough
// to see a private thread; being added to it, managing threads or being an
// administrator is.
func TestPrivateThreadSeenByItsMembersOnly(t *testing.T) {
	t.Parallel()
	d := newStrict(t)
	s := newSession(t, d)
	th, err := s.ThreadStartComplex(ChannelGeneral, &discordgo.ThreadStart{Name: "crise-1", Type: discordgo.ChannelTypeGuildPrivateThread, AutoArchiveDuration: 10080})
	require.NoError(t, err)
	pub, err := s.ThreadStartComplex(ChannelGeneral, &discordgo.ThreadStart{Name: "public", Type: discordgo.ChannelTypeGuildPublicThread, AutoArchiveDuration: 1440})
	require.NoError(t, err)

	assert.True(t, d.CanSee(UserMember.ID, []string{RoleMember}, ChannelGeneral))
	assert.False(t, d.CanSee(UserMember.ID, []string{RoleMember}, th.ID), "got a private thread seen by a non-member, want hidden")
	assert.True(t, d.CanSee(UserMember.ID, []string{RoleMember}, pub.ID), "a public thread shows to whoever sees its parent")
	assert.True(t, d.CanSee(AppID, []string{RoleBot}, th.ID), "the bot sees the thread it started")
	assert.True(t, d.CanSee(UserAdmin.ID, []string{RoleAdmin}, th.ID), "an administrator sees every thread")

	require.NoError(t, s.ThreadMemberAdd(th.ID, UserMember.ID))
	require.NoError(t, s.ThreadMemberAdd(th.ID, UserMember.ID), "adding a member twice is harmless")
	assert.True(t, d.CanSee(UserMember.ID, []string{RoleMember}, th.ID), "got an added member unable to see the thread")
	assert.Equal(t, []string{AppID, UserMember.ID}, d.ThreadMembers(th.ID))

	got, err := s.ThreadMembers(th.ID, 0, true, "")
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, AppID, got[0].UserID)
	one, err := s.ThreadMember(th.ID, UserMember.ID, false)
	require.NoError(t, err)
	assert.Equal(t, th.ID, one.ID)

	require.NoError(t, s.ThreadMemberRemove(th.ID, UserMember.ID))
	assert.False(t, d.CanSee(UserMember.ID, []string{RoleMember}, th.ID), "got a removed member still seeing the thread")
	assert.Empty(t, d.Violations())
}

// TestManageThreadsSeesPrivateThreads: MANAGE_THREADS in the parent shows
// every private thread of it.
func TestManageThreadsSeesPrivateThreads(t *testing.T) {
	t.Parallel()
	w := DefaultWorld()
	w.Roles = append(w.Roles, Role{ID: "1000000000000000028", Name: "Modération", Permissions: PermManageThreads, Position: 8})
	d := newStrict(t, WithWorld(w))
	s := newSession(t, d)
	th, err := s.ThreadStartComplex(ChannelGeneral, &discordgo.ThreadStart{Name: "crise-1", Type: discordgo.ChannelTypeGuildPrivateThread, AutoArchiveDuration: 10080})
	require.NoError(t, err)
	assert.True(t, d.CanSee(UserMember.ID, []string{"1000000000000000028"}, th.ID), "got a moderator unable to see a private thread")
}

// TestAddThreadMemberRefusals: a channel that is not a thread is a bot
// bug; a user who left the guild is Unknown Member, without a violation.
func TestAddThreadMemberRefusals(t *testing.T) {
	t.Parallel()
	ft := newFakeT(t)
	d := New(ft)
	s := newSession(t, d)
	th, err := s.ThreadStartComplex(ChannelGeneral, &discordgo.ThreadStart{Name: "crise-1", Type: discordgo.ChannelTypeGuildPrivateThread, AutoArchiveDuration: 10080})
	require.NoError(t, err)
	err = s.ThreadMemberAdd(th.ID, "1000000000000000999")
	assert.Equal(t, discordgo.ErrCodeUnknownMember, restCode(err), "got %v, want Unknown Member", err)
	assert.Empty(t, d.Violations())
	err = s.ThreadMemberAdd(ChannelGeneral, UserMember.ID)
	assert.Error(t, err)
	d.Close()
	assert.Contains(t, ft.joined(), "is not a thread")
}

// TestInteractionFromOutsideAPrivateThreadFails: Discord never delivers an
// interaction from a thread the member cannot see.
func TestInteractionFromOutsideAPrivateThreadFails(t *testing.T) {
	t.Parallel()
	ft := newFakeT(t)
	d := New(ft)
	t.Cleanup(d.Close)
	s := newSession(t, d)
	th, err := s.ThreadStartComplex(ChannelGeneral, &discordgo.ThreadStart{Name: "crise-1", Type: discordgo.ChannelTypeGuildPrivateThread, AutoArchiveDuration: 10080})
	require.NoError(t, err)
	d.DispatchInteraction(SlashCommand(UserMember, []string{RoleMember}, th.ID, "crisis", "status"))
	assert.Contains(t, ft.joined(), UserMember.ID+" cannot see channel "+th.ID)
}

func restCode(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Message != nil {
		return re.Message.Code
	}
	return 0
}
