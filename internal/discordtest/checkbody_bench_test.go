package discordtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// benchBodies are the bodies a crisis bot sends most, as discordgo encodes
// them: a reply with buttons, a message edit with buttons, 25 choices, and a
// plain reply.
func benchBodies() map[string]struct {
	method, path string
	body         []byte
} {
	row := []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Approuver", Style: discordgo.SuccessButton, CustomID: "approve:12:3"},
		discordgo.Button{Label: "Rejeter", Style: discordgo.DangerButton, CustomID: "reject:12:3"},
	}}}
	content := strings.Repeat("Tâche « relancer la messagerie » : faite. ", 12)
	reply, _ := json.Marshal(discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: content, Components: row, Flags: discordgo.MessageFlagsEphemeral,
			AllowedMentions: &discordgo.MessageAllowedMentions{}}})
	plain, _ := json.Marshal(discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "ok"}})
	var choices []*discordgo.ApplicationCommandOptionChoice
	for i := range 25 {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: "Tâche " + strconv.Itoa(i) + " : rappeler la préfecture", Value: strconv.Itoa(i)})
	}
	auto, _ := json.Marshal(discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices}})
	edit, _ := json.Marshal(discordgo.MessageEdit{Content: &content, Components: &row, AllowedMentions: &discordgo.MessageAllowedMentions{}})
	return map[string]struct {
		method, path string
		body         []byte
	}{
		"reply-buttons": {"POST", "/interactions/1/tok/callback", reply},
		"reply-plain":   {"POST", "/interactions/1/tok/callback", plain},
		"autocomplete":  {"POST", "/interactions/1/tok/callback", auto},
		"edit-buttons":  {"PATCH", "/channels/1/messages/2", edit},
	}
}

func BenchmarkCheckBody(b *testing.B) {
	sp := needSpec(b)
	for name, c := range benchBodies() {
		_, op, _ := sp.match(c.method, c.path)
		if op == nil {
			b.Fatalf("%s: no operation", name)
		}
		if p := op.checkBody(c.body, false); len(p) > 0 {
			b.Fatalf("%s: %v", name, p)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				op.checkBody(c.body, false)
			}
		})
	}
}
