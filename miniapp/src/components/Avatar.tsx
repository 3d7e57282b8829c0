/** A person's initials in a round badge; the colour follows the name, so it is stable. */
import { View } from '@tarojs/components';
import { initialsOf } from '../lib/names';

/** Each at least 5:1 with the white initials on it. */
const COLOURS = ['#2d64b8', '#06803f', '#a65a00', '#8e44ad', '#b03a2e', '#0e7564'];

export function Avatar({ name }: { name: string }) {
  const hash = Array.from(name).reduce((sum, ch) => sum + ch.charCodeAt(0), 0);
  return (
    <View className="avatar" style={{ backgroundColor: COLOURS[hash % COLOURS.length] }} aria-hidden>
      {initialsOf(name)}
    </View>
  );
}
