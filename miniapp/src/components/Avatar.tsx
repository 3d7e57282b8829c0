/** A person's initials in a round badge; the colour follows the name, so it is stable. */
import { View } from '@tarojs/components';
import { initialsOf } from '../lib/names';

const COLOURS = ['#3a7bd5', '#07a35a', '#e07b00', '#8e44ad', '#c0392b', '#16a085'];

export function Avatar({ name }: { name: string }) {
  const hash = Array.from(name).reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return (
    <View className="avatar" style={{ backgroundColor: COLOURS[hash % COLOURS.length] }} aria-hidden>
      {initialsOf(name)}
    </View>
  );
}
