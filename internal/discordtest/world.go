package discordtest

// The default world: one bot, one guild (a city's crisis server) with the
// roles the bot maps to capabilities, a few channels and members. IDs are
// fixed snowflakes so tests can name them; everything the bot creates gets a
// fresh snowflake from the double.
const (
	AppID     = "1000000000000000001" // the application, and the bot user's ID as for real bots
	BotName   = "Tocsin"
	GuildID   = "1000000000000000010"
	GuildName = "Cellule de crise – Ville de Caen"

	RoleEveryone = GuildID // @everyone's ID is the guild's
	RoleMember   = "1000000000000000021"
	RoleDirector = "1000000000000000022"
	RoleComms    = "1000000000000000023"
	RoleLegal    = "1000000000000000024"
	RoleAuthor   = "1000000000000000025"
	RoleAdmin    = "1000000000000000026" // holds Administrator

	CategoryCrisis   = "1000000000000000030"
	ChannelGeneral   = "1000000000000000031"
	ChannelApprovals = "1000000000000000032"
	ChannelPublic    = "1000000000000000033"
)

// Discord permission bits the double computes with.
const (
	PermAdministrator  int64 = 1 << 3
	PermViewChannel    int64 = 1 << 10
	PermSendMessages   int64 = 1 << 11
	PermManageMessages int64 = 1 << 13
	PermMentionAll     int64 = 1 << 17 // MENTION_EVERYONE
	PermUseCommands    int64 = 1 << 31 // USE_APPLICATION_COMMANDS
)

// basePerms is what @everyone holds in the default guild.
const basePerms = PermViewChannel | PermSendMessages | PermUseCommands

// User is a Discord user as the double knows it.
type User struct {
	ID         string
	Username   string
	GlobalName string
	Bot        bool
}

// Role is a guild role.
type Role struct {
	ID          string
	Name        string
	Permissions int64
	Position    int
}

// Channel is a guild channel or thread.
type Channel struct {
	ID       string
	Type     int // 0 text, 4 category, 11 public thread, 12 private thread
	Name     string
	ParentID string
	Topic    string
	Position int
	OwnerID  string // threads: who created it
	Archived bool
	// ThreadMembers are who joined or was added to a thread; a private
	// thread is seen by them alone (and those who may manage threads).
	ThreadMembers []ThreadMember
	// Overwrites are the permission overwrites as the bot sent them.
	Overwrites []map[string]any
}

// Member is a user's membership of the guild.
type Member struct {
	User  User
	Roles []string
	Nick  string
}

// Users of the default guild, one per capability the bot maps roles to.
var (
	UserDirector = User{ID: "1000000000000000041", Username: "dsi", GlobalName: "Responsable SI"}
	UserComms    = User{ID: "1000000000000000042", Username: "comm", GlobalName: "Communication"}
	UserLegal    = User{ID: "1000000000000000043", Username: "juriste", GlobalName: "Juriste"}
	UserMember   = User{ID: "1000000000000000044", Username: "agent", GlobalName: "Agent"}
	UserAdmin    = User{ID: "1000000000000000045", Username: "admin", GlobalName: "Administrateur"}
)

// World is the guild the double serves: change it with WithWorld.
type World struct {
	Bot      User
	Guild    string
	Name     string
	Locale   string // the guild's preferred locale, e.g. "fr"
	OwnerID  string
	Roles    []Role
	Channels []Channel
	Members  []Member
}

// DefaultWorld returns the default guild, a fresh copy each call.
func DefaultWorld() World {
	return World{
		Bot:     User{ID: AppID, Username: BotName, Bot: true},
		Guild:   GuildID,
		Name:    GuildName,
		Locale:  "fr",
		OwnerID: UserAdmin.ID,
		Roles: []Role{
			{ID: RoleEveryone, Name: "@everyone", Permissions: basePerms, Position: 0},
			{ID: RoleMember, Name: "Cellule", Position: 1},
			{ID: RoleComms, Name: "Communication", Position: 2},
			{ID: RoleLegal, Name: "Juridique", Position: 3},
			{ID: RoleAuthor, Name: "Auteur", Position: 4},
			{ID: RoleDirector, Name: "Direction", Permissions: PermManageMessages, Position: 5},
			{ID: RoleAdmin, Name: "Admin", Permissions: PermAdministrator, Position: 6},
			{ID: RoleBot, Name: BotName, Permissions: PermPinMessages, Position: 7},
		},
		Channels: []Channel{
			{ID: CategoryCrisis, Type: 4, Name: "Crises", Position: 0},
			{ID: ChannelGeneral, Type: 0, Name: "général", ParentID: CategoryCrisis, Position: 1},
			{ID: ChannelApprovals, Type: 0, Name: "validations", ParentID: CategoryCrisis, Position: 2},
			{ID: ChannelPublic, Type: 0, Name: "communiqués", ParentID: CategoryCrisis, Position: 3},
		},
		Members: []Member{
			{User: User{ID: AppID, Username: BotName, Bot: true}, Roles: []string{RoleBot}},
			{User: UserDirector, Roles: []string{RoleMember, RoleDirector}},
			{User: UserComms, Roles: []string{RoleMember, RoleComms}},
			{User: UserLegal, Roles: []string{RoleMember, RoleLegal}},
			{User: UserMember, Roles: []string{RoleMember}},
			{User: UserAdmin, Roles: []string{RoleAdmin}},
		},
	}
}

// permissions sums what @everyone and the given roles grant; Administrator
// grants everything, as Discord computes it.
func (w *World) permissions(roles []string) int64 {
	var p int64
	for _, r := range w.Roles {
		if r.ID == w.Guild {
			p |= r.Permissions
		}
		for _, id := range roles {
			if r.ID == id {
				p |= r.Permissions
			}
		}
	}
	if p&PermAdministrator != 0 {
		return allPerms
	}
	return p
}

// allPerms is every permission bit Discord defines today (to bit 51,
// PIN_MESSAGES).
const allPerms int64 = 1<<52 - 1

func (w *World) member(userID string) (Member, bool) {
	for _, m := range w.Members {
		if m.User.ID == userID {
			return m, true
		}
	}
	return Member{}, false
}

func (w *World) channel(id string) (*Channel, bool) {
	for i := range w.Channels {
		if w.Channels[i].ID == id {
			return &w.Channels[i], true
		}
	}
	return nil, false
}
