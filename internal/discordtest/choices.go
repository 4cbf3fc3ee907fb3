package discordtest

import (
	"encoding/json"
	"fmt"
)

// focusedType finds the declared type of the option an autocomplete
// interaction is about, from the commands the bot registered; 0 when
// unknown. d.mu is held.
func (d *Double) focusedType(guild string, data map[string]any) int {
	name, _ := data["name"].(string)
	for _, cmd := range d.commands[guild] {
		if cmd.Name == name {
			return focusedIn(cmd.Options, data["options"])
		}
	}
	return 0
}

func focusedIn(declared []CommandOption, sent any) int {
	opts, _ := sent.([]any)
	for _, o := range opts {
		om, _ := o.(map[string]any)
		for _, dcl := range declared {
			if dcl.Name != om["name"] {
				continue
			}
			if om["focused"] == true {
				return dcl.Type
			}
			if t := focusedIn(dcl.Options, om["options"]); t != 0 {
				return t
			}
		}
	}
	return 0
}

// choiceProblems checks autocomplete choices against the option's type, as
// Discord does: an INTEGER option takes integers, a NUMBER option numbers,
// a STRING option strings.
func (d *Double) choiceProblems(in *interaction, data map[string]any) []string {
	list, _ := data["choices"].([]any)
	var probs []string
	for i, c := range list {
		cm, _ := c.(map[string]any)
		v := cm["value"]
		ok := true
		switch in.focusedType {
		case OptionInteger:
			n, isNum := v.(json.Number)
			_, err := n.Int64()
			ok = isNum && err == nil
		case OptionNumber:
			_, ok = v.(json.Number)
		case OptionString:
			_, ok = v.(string)
		}
		if !ok {
			probs = append(probs, fmt.Sprintf("choices[%d].value: %#v does not fit an option of type %d", i, v, in.focusedType))
		}
	}
	return probs
}
